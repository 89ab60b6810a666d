// mktows.hpp: everything a program needs to call the mktows SOAP API.
//
//   #include <mktows/mktows.hpp>
//
//   mktows::ClientOptions options;
//   options.endpoint = "https://123-ABC-456.mktoapi.com/soap/mktows/2_2";
//   options.user_id = "bigcorp1_461839624B16E06BA2D663";
//   options.encryption_key = std::getenv("MKTOWS_ENCRYPTION_KEY");
//   mktows::Client client(options);
//   auto r = client.sync_lead(mktows::Lead().email("george@jungle.com")
//                                 .attribute("FirstName", "George")
//                                 .attribute("LastName", "of the Jungle"));
//   if (r) std::cout << r->lead_id << " " << mktows::to_string(r->status) << "\n";
//   else   std::cerr << r.error() << "\n";
//
// Cheap to include (tools/bench/run, "include cost"): no generated or gSOAP
// header is reached; what needs them is compiled into the bindings library.
// The Limiter itself (limiter.hpp) and the generated names (wire.hpp, the
// plugin's auth_plugin.hpp) are included by the code that uses them.
#ifndef MKTOWS_MKTOWS_HPP
#define MKTOWS_MKTOWS_HPP

#include "mktows/activity.hpp"
#include "mktows/campaign.hpp"
#include "mktows/client.hpp"
#include "mktows/client_pool.hpp"
#include "mktows/error.hpp"
#include "mktows/lead.hpp"
#include "mktows/lead_selector.hpp"
#include "mktows/list_operation.hpp"
#include "mktows/merge.hpp"
#include "mktows/objects.hpp"
#include "mktows/options.hpp"
#include "mktows/pager.hpp"
#include "mktows/retired.hpp"
#include "mktows/retry.hpp"
#include "mktows/soap_fault.hpp"
#include "mktows/trace.hpp"
#include "mktows/validation.hpp"

#endif  // MKTOWS_MKTOWS_HPP
