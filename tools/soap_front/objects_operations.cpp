// objects_operations.cpp: the objects domain's operations (listMObjects,
// describeMObject, getMObjects, syncMObjects, deleteMObjects): the wire types
// to the ObjectsBackend's and back. The rules are the backend's.
#include "soap_handler.hpp"

#include "service_error.hpp"

namespace mktows_front {

namespace {

MObjAttrib to_attrib(const wire::mktows__Attrib &a) { return MObjAttrib{a.name, a.value}; }

std::vector<MObjAttrib> to_attribs(const wire::mktows__ArrayOfAttrib *list) {
  std::vector<MObjAttrib> out;
  if (!list) return out;
  for (const wire::mktows__Attrib *a : list->attrib)
    if (a) out.push_back(to_attrib(*a));
  return out;
}

std::vector<MObjAssociationData> to_associations(const wire::mktows__ArrayOfMObjAssociation *list) {
  std::vector<MObjAssociationData> out;
  if (!list) return out;
  for (const wire::mktows__MObjAssociation *a : list->mObjAssociation) {
    if (!a) continue;
    MObjAssociationData d;
    d.type = a->mObjType;
    if (a->id) {
      d.has_id = true;
      d.id = *a->id;
    }
    if (a->externalKey) {
      d.has_external_key = true;
      d.external_key = to_attrib(*a->externalKey);
    }
    out.push_back(d);
  }
  return out;
}

std::vector<MObjectData> to_objects(const wire::mktows__ArrayOfMObject *list) {
  std::vector<MObjectData> out;
  if (!list) return out;
  for (const wire::mktows__MObject *o : list->mObject) {
    MObjectData d;
    if (o) {  // an empty <mObject/> is still an object: it gets its FAILED status
      d.type = o->type;
      if (o->id) {
        d.has_id = true;
        d.id = *o->id;
      }
      if (o->externalKey) {
        d.has_external_key = true;
        d.external_key = to_attrib(*o->externalKey);
      }
      d.attribs = to_attribs(o->attribList);
      if (o->typeAttribList)
        for (const wire::mktows__TypeAttrib *t : o->typeAttribList->typeAttrib)
          if (t) d.type_attribs.push_back(MObjTypeAttribData{t->attrType, to_attribs(t->attrList)});
      d.associations = to_associations(o->associationList);
    }
    out.push_back(d);
  }
  return out;
}

MObjComparison to_comparison(wire::mktows__ComparisonEnum c) {
  switch (c) {
    case wire::mktows__ComparisonEnum__EQ: return MObjComparison::eq;
    case wire::mktows__ComparisonEnum__NE: return MObjComparison::ne;
    case wire::mktows__ComparisonEnum__LT: return MObjComparison::lt;
    case wire::mktows__ComparisonEnum__LE: return MObjComparison::le;
    case wire::mktows__ComparisonEnum__GT: return MObjComparison::gt;
    case wire::mktows__ComparisonEnum__GE: return MObjComparison::ge;
  }
  return MObjComparison::eq;
}

wire::mktows__MObjStatusEnum to_wire(MObjStatusCode s) {
  switch (s) {
    case MObjStatusCode::created: return wire::mktows__MObjStatusEnum__CREATED;
    case MObjStatusCode::updated: return wire::mktows__MObjStatusEnum__UPDATED;
    case MObjStatusCode::deleted: return wire::mktows__MObjStatusEnum__DELETED;
    case MObjStatusCode::failed: return wire::mktows__MObjStatusEnum__FAILED;
    case MObjStatusCode::unchanged: return wire::mktows__MObjStatusEnum__UNCHANGED;
    case MObjStatusCode::skipped: return wire::mktows__MObjStatusEnum__SKIPPED;
  }
  return wire::mktows__MObjStatusEnum__FAILED;
}

wire::mktows__Attrib *new_attrib(struct soap *soap, const MObjAttrib &a) {
  wire::mktows__Attrib *w = wire::soap_new_mktows__Attrib(soap);
  w->name = a.name;
  w->value = a.value;
  return w;
}

wire::mktows__ArrayOfAttrib *new_attribs(struct soap *soap, const std::vector<MObjAttrib> &attribs) {
  wire::mktows__ArrayOfAttrib *w = wire::soap_new_mktows__ArrayOfAttrib(soap);
  for (const MObjAttrib &a : attribs) w->attrib.push_back(new_attrib(soap, a));
  return w;
}

wire::mktows__MObject *new_object(struct soap *soap, const MObjectData &d) {
  wire::mktows__MObject *w = wire::soap_new_mktows__MObject(soap);
  w->type = d.type;
  w->id = wire::soap_new_int(soap);
  *w->id = d.id;
  if (d.has_external_key) w->externalKey = new_attrib(soap, d.external_key);
  w->createdAt = wire::soap_new_dateTime(soap);
  *w->createdAt = static_cast<time_t>(d.created_at);
  w->updatedAt = wire::soap_new_dateTime(soap);
  *w->updatedAt = static_cast<time_t>(d.updated_at);
  w->attribList = new_attribs(soap, d.attribs);
  if (!d.type_attribs.empty()) {
    w->typeAttribList = wire::soap_new_mktows__ArrayOfTypeAttrib(soap);
    for (const MObjTypeAttribData &t : d.type_attribs) {
      wire::mktows__TypeAttrib *ta = wire::soap_new_mktows__TypeAttrib(soap);
      ta->attrType = t.type;
      ta->attrList = new_attribs(soap, t.attribs);
      w->typeAttribList->typeAttrib.push_back(ta);
    }
  }
  if (!d.associations.empty()) {
    w->associationList = wire::soap_new_mktows__ArrayOfMObjAssociation(soap);
    for (const MObjAssociationData &a : d.associations) {
      wire::mktows__MObjAssociation *wa = wire::soap_new_mktows__MObjAssociation(soap);
      wa->mObjType = a.type;
      if (a.has_id) {
        wa->id = wire::soap_new_int(soap);
        *wa->id = a.id;
      }
      if (a.has_external_key) wa->externalKey = new_attrib(soap, a.external_key);
      w->associationList->mObjAssociation.push_back(wa);
    }
  }
  return w;
}

wire::mktows__ArrayOfMObjStatus *new_statuses(struct soap *soap, const std::vector<MObjStatusData> &statuses) {
  wire::mktows__ArrayOfMObjStatus *w = wire::soap_new_mktows__ArrayOfMObjStatus(soap);
  for (const MObjStatusData &s : statuses) {
    wire::mktows__MObjStatus *ws = wire::soap_new_mktows__MObjStatus(soap);
    ws->id = s.id;
    if (s.has_external_key) ws->externalKey = new_attrib(soap, s.external_key);
    ws->status = to_wire(s.status);
    if (!s.error.empty()) {
      ws->error = wire::soap_new_std__string(soap);
      *ws->error = s.error;
    }
    w->mObjStatus.push_back(ws);
  }
  return w;
}

}  // namespace

int SoapHandler::listMObjects(wire::mktows__ParamsListMObjects *, wire::mktows__SuccessListMObjects &response) {
  // The answer is the same for every caller, but it comes after the
  // signature check like every call's: a connector pings with it.
  return answer([&] {
    response.result = wire::soap_new_mktows__ResultListMObjects(soap);
    response.result->objects = context_.backends.objects->object_names();
  });
}

int SoapHandler::describeMObject(wire::mktows__ParamsDescribeMObject *params,
                                 wire::mktows__SuccessDescribeMObject &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsDescribeMObject");
    MObjDescription d = context_.backends.objects->describe(params->objectName);
    wire::mktows__MObjectMetadata *m = wire::soap_new_mktows__MObjectMetadata(soap);
    m->name = d.name;
    m->isCustom = d.custom;
    m->isVirtual = d.is_virtual;
    m->updatedAt = static_cast<time_t>(d.updated_at);
    m->fieldList = wire::soap_new_mktows__ArrayOfMObjFieldMetadata(soap);
    for (const MObjField &f : d.fields) {
      wire::mktows__MObjFieldMetadata *w = wire::soap_new_mktows__MObjFieldMetadata(soap);
      w->name = f.name;
      w->displayName = f.display_name;
      w->sourceObject = f.source_object;
      w->dataType = f.data_type;
      if (f.has_size) {
        w->size = wire::soap_new_int(soap);
        *w->size = f.size;
      }
      w->isReadonly = f.read_only;
      w->isUpdateBlocked = f.update_blocked;
      w->isName = f.is_name;
      w->isPrimaryKey = f.primary_key;
      w->isCustom = f.custom;
      w->isDynamic = false;
      w->updatedAt = static_cast<time_t>(d.updated_at);
      m->fieldList->field.push_back(w);
    }
    response.result = wire::soap_new_mktows__ResultDescribeMObject(soap);
    response.result->metadata = m;
  });
}

int SoapHandler::getMObjects(wire::mktows__ParamsGetMObjects *params, wire::mktows__SuccessGetMObjects &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsGetMObjects");
    MObjQuery q;
    q.type = params->type;
    if (params->id) {
      q.has_id = true;
      q.id = *params->id;
    }
    if (params->externalKey) {
      q.has_external_key = true;
      q.external_key = to_attrib(*params->externalKey);
    }
    if (params->mObjCriteriaList)
      for (const wire::mktows__MObjCriteria *c : params->mObjCriteriaList->mObjCriteria)
        if (c) q.criteria.push_back(MObjCriterion{c->attrName, to_comparison(c->comparison), c->attrValue});
    q.associations = to_associations(params->mObjAssociationList);
    q.include_details = params->includeDetails && *params->includeDetails;
    if (params->streamPosition) {
      q.has_position = true;
      q.position = *params->streamPosition;
    }
    MObjPage page = context_.backends.objects->get_objects(q);
    wire::mktows__ResultGetMObjects *r = wire::soap_new_mktows__ResultGetMObjects(soap);
    r->returnCount = static_cast<int>(page.objects.size());
    r->hasMore = page.has_more;
    r->newStreamPosition = page.position;
    r->mObjectList = wire::soap_new_mktows__ArrayOfMObject(soap);
    for (const MObjectData &o : page.objects) r->mObjectList->mObject.push_back(new_object(soap, o));
    response.result = r;
  });
}

int SoapHandler::syncMObjects(wire::mktows__ParamsSyncMObjects *params, wire::mktows__SuccessSyncMObjects &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsSyncMObjects");
    if (!params->mObjectList) throw ServiceError::told(fault_code::parameter_required, "no mObjectList");
    MObjSyncOperation op = params->operation == wire::mktows__SyncOperationEnum__INSERT   ? MObjSyncOperation::insert
                           : params->operation == wire::mktows__SyncOperationEnum__UPDATE ? MObjSyncOperation::update
                                                                                          : MObjSyncOperation::upsert;
    std::vector<MObjStatusData> statuses = context_.backends.objects->sync_objects(to_objects(params->mObjectList), op);
    response.result = wire::soap_new_mktows__ResultSyncMObjects(soap);
    response.result->mObjStatusList = new_statuses(soap, statuses);
  });
}

int SoapHandler::deleteMObjects(wire::mktows__ParamsDeleteMObjects *params,
                                wire::mktows__SuccessDeleteMObjects &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsDeleteMObjects");
    if (!params->mObjectList) throw ServiceError::told(fault_code::parameter_required, "no mObjectList");
    std::vector<MObjStatusData> statuses = context_.backends.objects->delete_objects(to_objects(params->mObjectList));
    response.result = wire::soap_new_mktows__ResultDeleteMObjects(soap);
    response.result->mObjStatusList = new_statuses(soap, statuses);
  });
}

}  // namespace mktows_front
