// custom_objects_operations.cpp: the custom objects domain's operations
// (syncCustomObjects, getCustomObjects, deleteCustomObjects): the wire types
// to the CustomObjectsBackend's and back. The rules are the backend's.
#include "soap_handler.hpp"

#include "service_error.hpp"

namespace mktows_front {

namespace {

CustomFields to_fields(const wire::mktows__ArrayOfAttribute *list) {
  CustomFields out;
  if (!list) return out;
  out.reserve(list->attribute.size());
  for (const wire::mktows__Attribute *a : list->attribute)
    if (a) out.push_back(CustomField{a->attrName, a->attrValue});
  return out;
}

wire::mktows__ArrayOfAttribute *to_wire(struct soap *soap, const CustomFields &fields) {
  wire::mktows__ArrayOfAttribute *list = wire::soap_new_mktows__ArrayOfAttribute(soap);
  for (const CustomField &f : fields) {
    wire::mktows__Attribute *a = wire::soap_new_mktows__Attribute(soap);
    a->attrName = f.name;
    a->attrValue = f.value;
    list->attribute.push_back(a);
  }
  return list;
}

wire::mktows__SyncStatusEnum to_wire(CustomObjectStatus s) {
  switch (s) {
    case CustomObjectStatus::created: return wire::mktows__SyncStatusEnum__CREATED;
    case CustomObjectStatus::updated: return wire::mktows__SyncStatusEnum__UPDATED;
    case CustomObjectStatus::deleted: return wire::mktows__SyncStatusEnum__DELETED;
    case CustomObjectStatus::failed: break;
  }
  return wire::mktows__SyncStatusEnum__FAILED;
}

// The status list both writes answer (deleteCustomObjects' items are named
// syncCustomObjStatus too, as the WSDL has it).
wire::mktows__ArrayOfSyncCustomObjStatus *to_status_list(struct soap *soap, const CustomObjectResult &result) {
  wire::mktows__ArrayOfSyncCustomObjStatus *list = wire::soap_new_mktows__ArrayOfSyncCustomObjStatus(soap);
  for (const CustomObjectOutcome &o : result.outcomes) {
    wire::mktows__SyncCustomObjStatus *s = wire::soap_new_mktows__SyncCustomObjStatus(soap);
    s->objTypeName = result.type_name;
    s->customObjKeyList = to_wire(soap, o.keys);
    s->status = to_wire(o.status);
    if (!o.error.empty()) {
      s->error = wire::soap_new_std__string(soap);
      *s->error = o.error;
    }
    list->syncCustomObjStatus.push_back(s);
  }
  return list;
}

}  // namespace

int SoapHandler::syncCustomObjects(wire::mktows__ParamsSyncCustomObjects *params,
                                   wire::mktows__SuccessSyncCustomObjects &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsSyncCustomObjects");
    CustomSyncOperation operation = CustomSyncOperation::upsert;
    if (params->operation) {
      if (*params->operation == wire::mktows__SyncOperationEnum__INSERT) operation = CustomSyncOperation::insert;
      else if (*params->operation == wire::mktows__SyncOperationEnum__UPDATE) operation = CustomSyncOperation::update;
    }
    std::vector<CustomObjectInput> records;
    if (params->customObjList) {
      records.reserve(params->customObjList->customObj.size());
      for (const wire::mktows__CustomObj *o : params->customObjList->customObj) {
        CustomObjectInput in;
        if (o) {
          in.keys = to_fields(o->customObjKeyList);
          in.attributes = to_fields(o->customObjAttributeList);
        }
        records.push_back(std::move(in));
      }
    }
    CustomObjectResult result =
        context_.backends.custom_objects->sync_custom_objects(params->objTypeName, operation, records);
    response.result = wire::soap_new_mktows__ResultSyncCustomObjects(soap);
    response.result->syncCustomObjStatusList = to_status_list(soap, result);
  });
}

int SoapHandler::getCustomObjects(wire::mktows__ParamsGetCustomObjects *params,
                                  wire::mktows__SuccessGetCustomObjects &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsGetCustomObjects");
    CustomObjectQuery query;
    query.type_name = params->objTypeName;
    if (params->streamPosition) query.stream_position = *params->streamPosition;
    if (params->batchSize) {
      query.has_batch_size = true;
      query.batch_size = *params->batchSize;
    }
    query.keys = to_fields(params->customObjKeyList);
    if (params->includeAttributes)
      for (const std::string &name : params->includeAttributes->stringItem)
        if (!name.empty()) query.include.push_back(name);
    CustomObjectPage page = context_.backends.custom_objects->get_custom_objects(query);
    wire::mktows__ResultGetCustomObjects *result = wire::soap_new_mktows__ResultGetCustomObjects(soap);
    result->objTypeName = page.type_name;
    result->returnCount = static_cast<int>(page.records.size());
    result->remainingCount = page.remaining;
    result->newStreamPosition = page.next_position;
    if (!page.records.empty()) {
      result->customObjList = wire::soap_new_mktows__ArrayOfCustomObj(soap);
      for (const CustomObjectRecord &r : page.records) {
        wire::mktows__CustomObj *o = wire::soap_new_mktows__CustomObj(soap);
        o->customObjKeyList = to_wire(soap, r.keys);
        o->customObjAttributeList = to_wire(soap, r.attributes);
        result->customObjList->customObj.push_back(o);
      }
    }
    response.result = result;
  });
}

int SoapHandler::deleteCustomObjects(wire::mktows__ParamsDeleteCustomObjects *params,
                                     wire::mktows__SuccessDeleteCustomObjects &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsDeleteCustomObjects");
    std::vector<CustomFields> key_lists;
    if (params->customObjKeyLists)
      for (const wire::mktows__ArrayOfAttribute *k : params->customObjKeyLists->keyList) key_lists.push_back(to_fields(k));
    CustomObjectResult result =
        context_.backends.custom_objects->delete_custom_objects(params->objTypeName, key_lists);
    response.result = wire::soap_new_mktows__ResultDeleteCustomObjects(soap);
    response.result->deleteCustomObjStatusList = to_status_list(soap, result);
  });
}

}  // namespace mktows_front
