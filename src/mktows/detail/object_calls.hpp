// detail/object_calls.hpp: the thin typed calls of the objects, custom
// objects and tags domains (operations.hpp) over a Runner
// (detail/runner.hpp): listMObjects, describeMObject, getMObjects,
// syncMObjects, deleteMObjects, syncCustomObjects, getCustomObjects,
// deleteCustomObjects, getChannels, getTags. One request, one answer each
// (getMObjects and getCustomObjects one page: the caller passes the
// position back); each checks what the service's rules let it check before
// sending, and its idempotency is the operation table's (syncMObjects is
// resent only when it is not an INSERT).
#ifndef MKTOWS_DETAIL_OBJECT_CALLS_HPP
#define MKTOWS_DETAIL_OBJECT_CALLS_HPP

#include "mktows/wire.hpp"

#include "mktows/detail/body.hpp"
#include "mktows/detail/runner.hpp"
#include "mktows/limits.hpp"
#include "mktows/objects.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace mktows {
namespace detail {

// A count of records one call takes: at least one, at most `max`.
inline Error check_count(Operation op, const char *what, std::size_t n, std::size_t max) {
  if (n == 0) return refuse(ValidationRule::value_required, op, std::string("at least one ") + what + " is required",
                            fault_code::parameter_required);
  if (n > max)
    return refuse(ValidationRule::too_many_keys, op,
                  std::to_string(n) + " " + what + "s: at most " + std::to_string(max) + " per call",
                  fault_code::bad_parameter);
  return Error();
}

inline Error check_name_values(Operation op, const std::string &where, const std::vector<NameValue> &list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = where + " attribute #" + std::to_string(i + 1);
    Error e = check_required(op, (at + " name").c_str(), list[i].name);
    if (e.ok()) e = validate_text((std::string(to_string(op)) + " " + at + " value").c_str(), list[i].value);
    if (!e.ok()) return e;
  }
  return Error();
}

inline Error check_attributes(Operation op, const std::string &where, const std::vector<Attribute> &list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = where + " #" + std::to_string(i + 1);
    Error e = check_required(op, (at + " name").c_str(), list[i].name);
    if (e.ok()) e = validate_text((std::string(to_string(op)) + " " + at + " value").c_str(), list[i].value);
    if (e.ok()) e = validate_text((std::string(to_string(op)) + " " + at + " type").c_str(), list[i].type);
    if (!e.ok()) return e;
  }
  return Error();
}

// The request's objects beyond its params, owned by the call (they live
// until it returns, through every attempt); nothing of the caller's is
// pointed to, and nothing is left in the context for the answers' freeing.
class Arena {
 public:
  Arena() {}
  Arena(const Arena &) = delete;
  Arena &operator=(const Arena &) = delete;
  template <class T>
  T *make() {
    std::unique_ptr<Holder<T> > h(new Holder<T>());
    T *p = &h->value;
    items_.push_back(std::unique_ptr<Base>(h.release()));
    return p;
  }
  template <class T>
  T *value(const T &v) {
    T *p = make<T>();
    *p = v;
    return p;
  }

 private:
  struct Base {
    virtual ~Base() {}
  };
  template <class T>
  struct Holder : Base {
    T value;
  };
  std::vector<std::unique_ptr<Base> > items_;
};

// The wire's Attrib and Attribute lists, where the WSDL has an operation
// that carries them (a WSDL of the lead calls alone has no Attrib).
#if defined(MKTOWS_BINDINGS_HAS_getMObjects) || defined(MKTOWS_BINDINGS_HAS_syncMObjects) || \
    defined(MKTOWS_BINDINGS_HAS_deleteMObjects) || defined(MKTOWS_BINDINGS_HAS_getChannels)
inline wire::mktows__Attrib *to_wire_attrib(Arena &arena, const NameValue &nv) {
  wire::mktows__Attrib *a = arena.make<wire::mktows__Attrib>();
  a->name = nv.name;
  a->value = nv.value;
  return a;
}

inline wire::mktows__ArrayOfAttrib *to_wire_attribs(Arena &arena, const std::vector<NameValue> &list) {
  wire::mktows__ArrayOfAttrib *out = arena.make<wire::mktows__ArrayOfAttrib>();
  for (std::size_t i = 0; i < list.size(); ++i) out->attrib.push_back(to_wire_attrib(arena, list[i]));
  return out;
}

inline std::vector<NameValue> from_wire_attribs(const wire::mktows__ArrayOfAttrib *list) {
  std::vector<NameValue> out;
  if (!list) return out;
  for (std::size_t i = 0; i < list->attrib.size(); ++i)
    if (list->attrib[i]) out.push_back(NameValue(list->attrib[i]->name, list->attrib[i]->value));
  return out;
}

#endif

#if defined(MKTOWS_BINDINGS_HAS_getCustomObjects) || defined(MKTOWS_BINDINGS_HAS_syncCustomObjects) || \
    defined(MKTOWS_BINDINGS_HAS_deleteCustomObjects)
inline wire::mktows__ArrayOfAttribute *to_wire_attributes(Arena &arena, const std::vector<Attribute> &list) {
  wire::mktows__ArrayOfAttribute *out = arena.make<wire::mktows__ArrayOfAttribute>();
  for (std::size_t i = 0; i < list.size(); ++i) {
    wire::mktows__Attribute *a = arena.make<wire::mktows__Attribute>();
    a->attrName = list[i].name;
    a->attrValue = list[i].value;
    if (!list[i].type.empty()) a->attrType = arena.value<std::string>(list[i].type);
    out->attribute.push_back(a);
  }
  return out;
}

inline std::vector<Attribute> from_wire_attributes(const wire::mktows__ArrayOfAttribute *list) {
  std::vector<Attribute> out;
  if (!list) return out;
  for (std::size_t i = 0; i < list->attribute.size(); ++i)
    if (list->attribute[i])
      out.push_back(Attribute(list->attribute[i]->attrName, list->attribute[i]->attrValue,
                              list->attribute[i]->attrType ? *list->attribute[i]->attrType : std::string()));
  return out;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_syncMObjects) || defined(MKTOWS_BINDINGS_HAS_syncCustomObjects)
inline enum wire::mktows__SyncOperationEnum to_wire(SyncOperation op) {
  switch (op) {
    case SyncOperation::upsert: return wire::mktows__SyncOperationEnum__UPSERT;
    case SyncOperation::insert: return wire::mktows__SyncOperationEnum__INSERT;
    case SyncOperation::update: return wire::mktows__SyncOperationEnum__UPDATE;
  }
  return wire::mktows__SyncOperationEnum__UPSERT;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_getMObjects) || defined(MKTOWS_BINDINGS_HAS_syncMObjects) || \
    defined(MKTOWS_BINDINGS_HAS_deleteMObjects)
inline ObjectStatus from_wire(enum wire::mktows__MObjStatusEnum s) {
  switch (s) {
    case wire::mktows__MObjStatusEnum__CREATED: return ObjectStatus::created;
    case wire::mktows__MObjStatusEnum__UPDATED: return ObjectStatus::updated;
    case wire::mktows__MObjStatusEnum__DELETED: return ObjectStatus::deleted;
    case wire::mktows__MObjStatusEnum__FAILED: return ObjectStatus::failed;
    case wire::mktows__MObjStatusEnum__UNCHANGED: return ObjectStatus::unchanged;
    case wire::mktows__MObjStatusEnum__SKIPPED: return ObjectStatus::skipped;
  }
  return ObjectStatus::failed;
}

inline Error check_association(Operation op, const std::string &where, const ObjectAssociation &a) {
  Error e = check_required(op, (where + " type").c_str(), a.type);
  if (e.ok() && a.has_external_key) e = check_name_values(op, where + " external key", {a.external_key});
  return e;
}

inline wire::mktows__ArrayOfMObjAssociation *to_wire_associations(Arena &arena,
                                                                   const std::vector<ObjectAssociation> &list) {
  wire::mktows__ArrayOfMObjAssociation *out = arena.make<wire::mktows__ArrayOfMObjAssociation>();
  for (std::size_t i = 0; i < list.size(); ++i) {
    wire::mktows__MObjAssociation *a = arena.make<wire::mktows__MObjAssociation>();
    a->mObjType = list[i].type;
    if (list[i].has_id) a->id = arena.value<int>(list[i].id);
    if (list[i].has_external_key) a->externalKey = to_wire_attrib(arena, list[i].external_key);
    out->mObjAssociation.push_back(a);
  }
  return out;
}

inline std::vector<ObjectAssociation> from_wire_associations(const wire::mktows__ArrayOfMObjAssociation *list) {
  std::vector<ObjectAssociation> out;
  if (!list) return out;
  for (std::size_t i = 0; i < list->mObjAssociation.size(); ++i) {
    const wire::mktows__MObjAssociation *w = list->mObjAssociation[i];
    if (!w) continue;
    ObjectAssociation a;
    a.type = w->mObjType;
    if (w->id) {
      a.has_id = true;
      a.id = *w->id;
    }
    if (w->externalKey) {
      a.has_external_key = true;
      a.external_key = NameValue(w->externalKey->name, w->externalKey->value);
    }
    out.push_back(a);
  }
  return out;
}

// An object as syncMObjects and deleteMObjects send it.
inline Error check_mobject(Operation op, const MObject &o, std::size_t index, bool id_required) {
  std::string at = "object #" + std::to_string(index + 1);
  Error e = check_required(op, (at + " type").c_str(), o.type);
  if (e.ok() && id_required && !o.has_id)
    e = refuse(ValidationRule::value_required, op, at + " has no id", fault_code::parameter_required);
  if (e.ok() && o.has_external_key) e = check_name_values(op, at + " external key", {o.external_key});
  if (e.ok()) e = check_name_values(op, at, o.attributes);
  for (std::size_t t = 0; e.ok() && t < o.type_attributes.size(); ++t) {
    std::string tat = at + " type attribute #" + std::to_string(t + 1);
    e = check_required(op, (tat + " type").c_str(), o.type_attributes[t].type);
    if (e.ok()) e = check_name_values(op, tat, o.type_attributes[t].attributes);
  }
  for (std::size_t a = 0; e.ok() && a < o.associations.size(); ++a)
    e = check_association(op, at + " association #" + std::to_string(a + 1), o.associations[a]);
  return e;
}

inline wire::mktows__ArrayOfMObject *to_wire_mobjects(Arena &arena, const std::vector<MObject> &list) {
  wire::mktows__ArrayOfMObject *out = arena.make<wire::mktows__ArrayOfMObject>();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const MObject &o = list[i];
    wire::mktows__MObject *w = arena.make<wire::mktows__MObject>();
    w->type = o.type;
    if (o.has_id) w->id = arena.value<int>(o.id);
    if (o.has_external_key) w->externalKey = to_wire_attrib(arena, o.external_key);
    if (!o.attributes.empty()) w->attribList = to_wire_attribs(arena, o.attributes);
    if (!o.type_attributes.empty()) {
      w->typeAttribList = arena.make<wire::mktows__ArrayOfTypeAttrib>();
      for (std::size_t t = 0; t < o.type_attributes.size(); ++t) {
        wire::mktows__TypeAttrib *ta = arena.make<wire::mktows__TypeAttrib>();
        ta->attrType = o.type_attributes[t].type;
        ta->attrList = to_wire_attribs(arena, o.type_attributes[t].attributes);
        w->typeAttribList->typeAttrib.push_back(ta);
      }
    }
    if (!o.associations.empty()) w->associationList = to_wire_associations(arena, o.associations);
    out->mObject.push_back(w);
  }
  return out;
}

inline Result<std::vector<MObjectStatus> > read_mobject_statuses(Runner &runner, const wire::mktows__ArrayOfMObjStatus *list,
                                                                  std::size_t sent, const char *where) {
  if (!list) return runner.answer_lacks(where);
  std::vector<MObjectStatus> out;
  for (std::size_t i = 0; i < list->mObjStatus.size(); ++i) {
    const wire::mktows__MObjStatus *w = list->mObjStatus[i];
    if (!w) continue;
    MObjectStatus s;
    s.id = w->id;
    if (w->externalKey) {
      s.has_external_key = true;
      s.external_key = NameValue(w->externalKey->name, w->externalKey->value);
    }
    s.status = from_wire(w->status);
    if (w->error) s.error = *w->error;
    out.push_back(s);
  }
  // One status per object, in order: anything else cannot be matched up.
  if (out.size() != sent)
    return runner.answer_lacks("one status per object (" + std::to_string(out.size()) + " for " +
                               std::to_string(sent) + ")");
  runner.answer_used();
  return out;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_getCustomObjects) || defined(MKTOWS_BINDINGS_HAS_syncCustomObjects) || \
    defined(MKTOWS_BINDINGS_HAS_deleteCustomObjects)
inline ObjectStatus from_wire(enum wire::mktows__SyncStatusEnum s) {
  switch (s) {
    case wire::mktows__SyncStatusEnum__CREATED: return ObjectStatus::created;
    case wire::mktows__SyncStatusEnum__UPDATED: return ObjectStatus::updated;
    case wire::mktows__SyncStatusEnum__DELETED: return ObjectStatus::deleted;
    case wire::mktows__SyncStatusEnum__FAILED: return ObjectStatus::failed;
  }
  return ObjectStatus::failed;
}

inline Result<std::vector<CustomObjectStatus> > read_custom_statuses(Runner &runner,
                                                                     const wire::mktows__ArrayOfSyncCustomObjStatus *list,
                                                                     std::size_t sent, const char *where) {
  if (!list) return runner.answer_lacks(where);
  std::vector<CustomObjectStatus> out;
  for (std::size_t i = 0; i < list->syncCustomObjStatus.size(); ++i) {
    const wire::mktows__SyncCustomObjStatus *w = list->syncCustomObjStatus[i];
    if (!w) continue;
    CustomObjectStatus s;
    s.type = w->objTypeName;
    s.keys = from_wire_attributes(w->customObjKeyList);
    s.status = from_wire(w->status);
    if (w->error) s.error = *w->error;
    out.push_back(s);
  }
  if (out.size() != sent)
    return runner.answer_lacks("one status per custom object (" + std::to_string(out.size()) + " for " +
                               std::to_string(sent) + ")");
  runner.answer_used();
  return out;
}
#endif

// A call's request and answer in the runner's context; `fill` writes the
// params, `read` the result.
#define MKTOWS_DETAIL_OBJECT_REQUEST(op, Op, keyed)                                                           \
  wire::mktows__Params##Op params;                                                                            \
  wire::__mktows__##op message;                                                                               \
  message.mktows__params##Op = &params;                                                                       \
  wire::mktows__Success##Op answer;                                                                           \
  Request request = {operation, keyed, workspace_of(wire::context_header_declared::op, call), soap_action(operation), \
                     {&op##_body::put, &message, &op##_body::get, &answer}}

#if defined(MKTOWS_BINDINGS_HAS_listMObjects)
MKTOWS_DETAIL_BODY(listMObjects, SuccessListMObjects, "successListMObjects");

inline Result<std::vector<std::string> > list_mobjects(Runner &runner, const Error &setup, const CallOptions &call) {
  const Operation operation = Operation::list_mobjects;
  if (!setup.ok()) return setup;
  Error e = validate(call);
  if (!e.ok()) return e;
  MKTOWS_DETAIL_OBJECT_REQUEST(listMObjects, ListMObjects, false);
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successListMObjects/result");
  std::vector<std::string> out = answer.result->objects;
  runner.answer_used();
  return out;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_describeMObject)
MKTOWS_DETAIL_BODY(describeMObject, SuccessDescribeMObject, "successDescribeMObject");

inline Result<ObjectDescription> describe_mobject(Runner &runner, const Error &setup, const std::string &name,
                                                  const CallOptions &call) {
  const Operation operation = Operation::describe_mobject;
  if (!setup.ok()) return setup;
  Error e = check_required(operation, "the object's name", name);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  MKTOWS_DETAIL_OBJECT_REQUEST(describeMObject, DescribeMObject, false);
  params.objectName = name;
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result || !answer.result->metadata) return runner.answer_lacks("successDescribeMObject/result/metadata");
  const wire::mktows__MObjectMetadata &m = *answer.result->metadata;
  ObjectDescription out;
  out.name = m.name;
  if (m.description) out.description = *m.description;
  out.is_custom = m.isCustom;
  out.is_virtual = m.isVirtual;
  out.updated_at = m.updatedAt;
  if (m.fieldList) {
    for (std::size_t i = 0; i < m.fieldList->field.size(); ++i) {
      const wire::mktows__MObjFieldMetadata *w = m.fieldList->field[i];
      if (!w) continue;
      ObjectField f;
      f.name = w->name;
      f.description = w->description;
      f.display_name = w->displayName;
      f.source_object = w->sourceObject;
      f.data_type = w->dataType;
      if (w->size) {
        f.has_size = true;
        f.size = *w->size;
      }
      f.is_readonly = w->isReadonly;
      f.is_update_blocked = w->isUpdateBlocked;
      f.is_name = w->isName;
      f.is_primary_key = w->isPrimaryKey;
      f.is_custom = w->isCustom;
      f.is_dynamic = w->isDynamic;
      f.dynamic_field_ref = w->dynamicFieldRef;
      f.updated_at = w->updatedAt;
      out.fields.push_back(f);
    }
  }
  runner.answer_used();
  return out;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_getMObjects)
MKTOWS_DETAIL_BODY(getMObjects, SuccessGetMObjects, "successGetMObjects");

inline enum wire::mktows__ComparisonEnum to_wire(Comparison c) {
  switch (c) {
    case Comparison::eq: return wire::mktows__ComparisonEnum__EQ;
    case Comparison::ne: return wire::mktows__ComparisonEnum__NE;
    case Comparison::lt: return wire::mktows__ComparisonEnum__LT;
    case Comparison::le: return wire::mktows__ComparisonEnum__LE;
    case Comparison::gt: return wire::mktows__ComparisonEnum__GT;
    case Comparison::ge: return wire::mktows__ComparisonEnum__GE;
  }
  return wire::mktows__ComparisonEnum__EQ;
}

inline Result<MObjectPage> get_mobjects(Runner &runner, const Error &setup, const MObjectQuery &q, const CallOptions &call) {
  const Operation operation = Operation::get_mobjects;
  if (!setup.ok()) return setup;
  Error e = check_required(operation, "the object type", q.type);
  if (e.ok() && q.has_external_key) e = check_name_values(operation, "the external key", {q.external_key});
  for (std::size_t i = 0; e.ok() && i < q.criteria.size(); ++i) {
    std::string at = "criterion #" + std::to_string(i + 1);
    e = check_required(operation, (at + " attribute").c_str(), q.criteria[i].attribute);
    if (e.ok()) e = validate_text((std::string("getMObjects ") + at + " value").c_str(), q.criteria[i].value);
  }
  for (std::size_t i = 0; e.ok() && i < q.associations.size(); ++i)
    e = check_association(operation, "association #" + std::to_string(i + 1), q.associations[i]);
  if (e.ok()) e = validate_text("getMObjects stream position", q.position);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(getMObjects, GetMObjects, false);
  params.type = q.type;
  if (q.has_id) params.id = arena.value<int>(q.id);
  if (q.has_external_key) params.externalKey = to_wire_attrib(arena, q.external_key);
  if (!q.criteria.empty()) {
    params.mObjCriteriaList = arena.make<wire::mktows__ArrayOfMObjCriteria>();
    for (std::size_t i = 0; i < q.criteria.size(); ++i) {
      wire::mktows__MObjCriteria *c = arena.make<wire::mktows__MObjCriteria>();
      c->attrName = q.criteria[i].attribute;
      c->comparison = to_wire(q.criteria[i].comparison);
      c->attrValue = q.criteria[i].value;
      params.mObjCriteriaList->mObjCriteria.push_back(c);
    }
  }
  if (!q.associations.empty()) params.mObjAssociationList = to_wire_associations(arena, q.associations);
  if (q.include_details) params.includeDetails = arena.value<bool>(true);
  if (!q.position.empty()) params.streamPosition = arena.value<std::string>(q.position);
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successGetMObjects/result");
  MObjectPage page;
  page.has_more = answer.result->hasMore;
  page.position = answer.result->newStreamPosition;
  if (answer.result->mObjectList) {
    const std::vector<wire::mktows__MObject *> &list = answer.result->mObjectList->mObject;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const wire::mktows__MObject *w = list[i];
      if (!w) continue;
      MObject o;
      o.type = w->type;
      if (w->id) {
        o.has_id = true;
        o.id = *w->id;
      }
      if (w->externalKey) {
        o.has_external_key = true;
        o.external_key = NameValue(w->externalKey->name, w->externalKey->value);
      }
      if (w->createdAt) o.created_at = *w->createdAt;
      if (w->updatedAt) o.updated_at = *w->updatedAt;
      o.attributes = from_wire_attribs(w->attribList);
      if (w->typeAttribList) {
        for (std::size_t t = 0; t < w->typeAttribList->typeAttrib.size(); ++t) {
          const wire::mktows__TypeAttrib *ta = w->typeAttribList->typeAttrib[t];
          if (!ta) continue;
          TypeAttribute out;
          out.type = ta->attrType;
          out.attributes = from_wire_attribs(ta->attrList);
          o.type_attributes.push_back(out);
        }
      }
      o.associations = from_wire_associations(w->associationList);
      page.objects.push_back(o);
    }
  }
  runner.answer_used();
  return page;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_syncMObjects)
MKTOWS_DETAIL_BODY(syncMObjects, SuccessSyncMObjects, "successSyncMObjects");

inline Result<std::vector<MObjectStatus> > sync_mobjects(Runner &runner, const Error &setup,
                                                          const std::vector<MObject> &objects, SyncOperation op,
                                                          const CallOptions &call) {
  const Operation operation = Operation::sync_mobjects;
  if (!setup.ok()) return setup;
  Error e = check_count(operation, "object", objects.size(), kMaxMObjects);
  for (std::size_t i = 0; e.ok() && i < objects.size(); ++i) e = check_mobject(operation, objects[i], i, false);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  // An INSERT sent twice may create twice; UPDATE and UPSERT find what the
  // first one wrote (operations.hpp: when_keyed).
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(syncMObjects, SyncMObjects, op != SyncOperation::insert);
  params.mObjectList = to_wire_mobjects(arena, objects);
  params.operation = to_wire(op);
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successSyncMObjects/result");
  return read_mobject_statuses(runner, answer.result->mObjStatusList, objects.size(),
                               "successSyncMObjects/result/mObjStatusList");
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_deleteMObjects)
MKTOWS_DETAIL_BODY(deleteMObjects, SuccessDeleteMObjects, "successDeleteMObjects");

inline Result<std::vector<MObjectStatus> > delete_mobjects(Runner &runner, const Error &setup,
                                                            const std::vector<MObject> &objects, const CallOptions &call) {
  const Operation operation = Operation::delete_mobjects;
  if (!setup.ok()) return setup;
  Error e = check_count(operation, "object", objects.size(), kMaxMObjects);
  for (std::size_t i = 0; e.ok() && i < objects.size(); ++i) e = check_mobject(operation, objects[i], i, true);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(deleteMObjects, DeleteMObjects, false);
  // The service needs each object's type and id only.
  params.mObjectList = arena.make<wire::mktows__ArrayOfMObject>();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    wire::mktows__MObject *w = arena.make<wire::mktows__MObject>();
    w->type = objects[i].type;
    w->id = arena.value<int>(objects[i].id);
    params.mObjectList->mObject.push_back(w);
  }
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successDeleteMObjects/result");
  return read_mobject_statuses(runner, answer.result->mObjStatusList, objects.size(),
                               "successDeleteMObjects/result/mObjStatusList");
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_syncCustomObjects)
MKTOWS_DETAIL_BODY(syncCustomObjects, SuccessSyncCustomObjects, "successSyncCustomObjects");

inline Result<std::vector<CustomObjectStatus> > sync_custom_objects(Runner &runner, const Error &setup,
                                                                     const std::string &type,
                                                                     const std::vector<CustomObject> &objects,
                                                                     SyncOperation op, const CallOptions &call) {
  const Operation operation = Operation::sync_custom_objects;
  if (!setup.ok()) return setup;
  Error e = check_required(operation, "the custom object type", type);
  if (e.ok()) e = check_count(operation, "custom object", objects.size(), kMaxCustomObjects);
  for (std::size_t i = 0; e.ok() && i < objects.size(); ++i) {
    std::string at = "custom object #" + std::to_string(i + 1);
    if (objects[i].keys.empty())
      e = refuse(ValidationRule::value_required, operation,
                 at + " has no key", fault_code::parameter_required);
    if (e.ok()) e = check_attributes(operation, at + " key", objects[i].keys);
    if (e.ok()) e = check_attributes(operation, at + " attribute", objects[i].attributes);
  }
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(syncCustomObjects, SyncCustomObjects, true);
  params.objTypeName = type;
  params.customObjList = arena.make<wire::mktows__ArrayOfCustomObj>();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    wire::mktows__CustomObj *w = arena.make<wire::mktows__CustomObj>();
    w->customObjKeyList = to_wire_attributes(arena, objects[i].keys);
    if (!objects[i].attributes.empty()) w->customObjAttributeList = to_wire_attributes(arena, objects[i].attributes);
    params.customObjList->customObj.push_back(w);
  }
  enum wire::mktows__SyncOperationEnum wire_op = to_wire(op);
  params.operation = &wire_op;
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successSyncCustomObjects/result");
  return read_custom_statuses(runner, answer.result->syncCustomObjStatusList, objects.size(),
                              "successSyncCustomObjects/result/syncCustomObjStatusList");
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_getCustomObjects)
MKTOWS_DETAIL_BODY(getCustomObjects, SuccessGetCustomObjects, "successGetCustomObjects");

inline Result<CustomObjectPage> get_custom_objects(Runner &runner, const Error &setup, const CustomObjectQuery &q,
                                                   const CallOptions &call) {
  const Operation operation = Operation::get_custom_objects;
  if (!setup.ok()) return setup;
  Error e = check_required(operation, "the custom object type", q.type);
  if (e.ok() && (q.batch_size < 0 || q.batch_size > kMaxCustomObjectPage))
    e = refuse(ValidationRule::too_many_keys, operation,
               "batch_size " + std::to_string(q.batch_size) + ": 0 (the service's default) to " +
                   std::to_string(kMaxCustomObjectPage),
               fault_code::bad_parameter);
  if (e.ok()) e = check_attributes(operation, "key", q.keys);
  for (std::size_t i = 0; e.ok() && i < q.fields.size(); ++i)
    e = check_required(operation, ("field #" + std::to_string(i + 1)).c_str(), q.fields[i]);
  if (e.ok()) e = validate_text("getCustomObjects stream position", q.position);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(getCustomObjects, GetCustomObjects, false);
  params.objTypeName = q.type;
  if (!q.position.empty()) params.streamPosition = arena.value<std::string>(q.position);
  if (q.batch_size > 0) params.batchSize = arena.value<int>(q.batch_size);
  if (!q.keys.empty()) params.customObjKeyList = to_wire_attributes(arena, q.keys);
  // Required by the WSDL; empty: every field.
  params.includeAttributes = arena.make<wire::mktows__ArrayOfString>();
  params.includeAttributes->stringItem = q.fields;
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successGetCustomObjects/result");
  CustomObjectPage page;
  page.type = answer.result->objTypeName;
  page.remaining = answer.result->remainingCount;
  page.position = answer.result->newStreamPosition;
  if (answer.result->customObjList) {
    const std::vector<wire::mktows__CustomObj *> &list = answer.result->customObjList->customObj;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i]) continue;
      CustomObject o;
      o.keys = from_wire_attributes(list[i]->customObjKeyList);
      o.attributes = from_wire_attributes(list[i]->customObjAttributeList);
      page.objects.push_back(o);
    }
  }
  runner.answer_used();
  return page;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_deleteCustomObjects)
MKTOWS_DETAIL_BODY(deleteCustomObjects, SuccessDeleteCustomObjects, "successDeleteCustomObjects");

inline Result<std::vector<CustomObjectStatus> > delete_custom_objects(Runner &runner, const Error &setup,
                                                                       const std::string &type,
                                                                       const std::vector<std::vector<Attribute> > &keys,
                                                                       const CallOptions &call) {
  const Operation operation = Operation::delete_custom_objects;
  if (!setup.ok()) return setup;
  Error e = check_required(operation, "the custom object type", type);
  if (e.ok()) e = check_count(operation, "key list", keys.size(), kMaxCustomObjects);
  for (std::size_t i = 0; e.ok() && i < keys.size(); ++i) {
    std::string at = "key list #" + std::to_string(i + 1);
    if (keys[i].empty()) e = refuse(ValidationRule::value_required, operation, at + " is empty", fault_code::parameter_required);
    if (e.ok()) e = check_attributes(operation, at + " key", keys[i]);
  }
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(deleteCustomObjects, DeleteCustomObjects, false);
  params.objTypeName = type;
  params.customObjKeyLists = arena.make<wire::mktows__ArrayOfKeyList>();
  for (std::size_t i = 0; i < keys.size(); ++i) params.customObjKeyLists->keyList.push_back(to_wire_attributes(arena, keys[i]));
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successDeleteCustomObjects/result");
  return read_custom_statuses(runner, answer.result->deleteCustomObjStatusList, keys.size(),
                              "successDeleteCustomObjects/result/deleteCustomObjStatusList");
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_getChannels)
MKTOWS_DETAIL_BODY(getChannels, SuccessGetChannels, "successGetChannels");

inline Result<std::vector<Channel> > get_channels(Runner &runner, const Error &setup, const std::vector<std::string> &names,
                                                 const CallOptions &call) {
  const Operation operation = Operation::get_channels;
  if (!setup.ok()) return setup;
  Error e;
  for (std::size_t i = 0; e.ok() && i < names.size(); ++i)
    e = check_required(operation, ("channel name #" + std::to_string(i + 1)).c_str(), names[i]);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(getChannels, GetChannels, false);
  // No tag: every channel; else the channels of those names.
  if (!names.empty()) {
    params.tag = arena.make<wire::mktows__Tag>();
    params.tag->values = arena.make<wire::mktows__ArrayOfString>();
    params.tag->values->stringItem = names;
  }
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result || !answer.result->tags) return runner.answer_lacks("successGetChannels/result/tags");
  std::vector<Channel> out;
  const std::vector<wire::mktows__TagStatus *> &tags = answer.result->tags->tagStatus;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (!tags[i]) continue;
    Channel c;
    c.name = tags[i]->tagValue;
    if (tags[i]->statusList) {
      const std::vector<wire::mktows__ProgressionStatus *> &ss = tags[i]->statusList->progressionStatusItem;
      for (std::size_t s = 0; s < ss.size(); ++s) {
        if (!ss[s]) continue;
        ChannelStatus status;
        status.attributes = from_wire_attribs(ss[s]->progressionStatus);
        c.statuses.push_back(status);
      }
    }
    out.push_back(c);
  }
  runner.answer_used();
  return out;
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_getTags)
MKTOWS_DETAIL_BODY(getTags, SuccessGetTags, "successGetTags");

inline Result<std::vector<TagType> > get_tags(Runner &runner, const Error &setup, const std::vector<TagType> &filter,
                                             const CallOptions &call) {
  const Operation operation = Operation::get_tags;
  if (!setup.ok()) return setup;
  Error e;
  for (std::size_t i = 0; e.ok() && i < filter.size(); ++i) {
    std::string at = "tag #" + std::to_string(i + 1);
    e = check_required(operation, (at + " type").c_str(), filter[i].type);
    for (std::size_t v = 0; e.ok() && v < filter[i].values.size(); ++v)
      e = check_required(operation, (at + " value #" + std::to_string(v + 1)).c_str(), filter[i].values[v]);
  }
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  Arena arena;
  MKTOWS_DETAIL_OBJECT_REQUEST(getTags, GetTags, false);
  if (!filter.empty()) {
    params.tagList = arena.make<wire::mktows__ArrayOfTag>();
    for (std::size_t i = 0; i < filter.size(); ++i) {
      wire::mktows__Tag *t = arena.make<wire::mktows__Tag>();
      t->type = arena.value<std::string>(filter[i].type);
      if (!filter[i].values.empty()) {
        t->values = arena.make<wire::mktows__ArrayOfString>();
        t->values->stringItem = filter[i].values;
      }
      params.tagList->tag.push_back(t);
    }
  }
  e = runner.run(request, call);
  if (!e.ok()) return e;
  if (!answer.result || !answer.result->tagList) return runner.answer_lacks("successGetTags/result/tagList");
  std::vector<TagType> out;
  const std::vector<wire::mktows__Tag *> &tags = answer.result->tagList->tag;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (!tags[i]) continue;
    TagType t;
    if (tags[i]->type) t.type = *tags[i]->type;
    if (tags[i]->values) t.values = tags[i]->values->stringItem;
    out.push_back(t);
  }
  runner.answer_used();
  return out;
}
#endif

#undef MKTOWS_DETAIL_OBJECT_REQUEST

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_OBJECT_CALLS_HPP
