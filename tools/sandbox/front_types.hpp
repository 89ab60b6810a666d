// front_types.hpp: the names of the SOAP front end (tools/soap_front) that
// the sandbox's world is written in: the records the leads backend takes and
// gives, the refusal it throws, the limits and configuration pieces it
// shares with the front end, HTTP for its REST face.
#pragma once

#include "ascii.hpp"
#include "http_message.hpp"
#include "http_routes.hpp"
#include "leads_backend.hpp"
#include "limiter.hpp"
#include "service_error.hpp"
#include "serving_config.hpp"
#include "times.hpp"

namespace mktows_sandbox {

namespace fault_code = mktows::fault_code;
using mktows_front::ascii_lower;
using mktows_front::Attribute;
using mktows_front::BatchResult;
using mktows_front::find_header;
using mktows_front::HttpRequest;
using mktows_front::HttpResponse;
using mktows_front::HttpRoutes;
using mktows_front::iequals;
using mktows_front::kDemoEncryptionKey;
using mktows_front::kDemoUserId;
using mktows_front::Lead;
using mktows_front::LeadInput;
using mktows_front::LeadKeyList;
using mktows_front::LeadSelection;
using mktows_front::MergeResult;
using mktows_front::MultipleLeadsPage;
using mktows_front::MultipleLeadsRequest;
using mktows_front::LeadsBackend;
using mktows_front::Limiter;
using mktows_front::LimitsConfig;
using mktows_front::ServiceError;
using mktows_front::ServingLimits;
using mktows_front::SyncRequest;
using mktows_front::SyncResult;
using mktows_front::UserConfig;
using mktows_front::rest_time;
using mktows_front::soap_time;

}  // namespace mktows_sandbox
