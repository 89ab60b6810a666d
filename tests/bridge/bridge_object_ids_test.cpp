// bridge_object_ids_test: the integer id ↔ marketoGUID map (object_ids.hpp)
// in process: the same GUID gets the same id from a fresh map (a restart)
// and from a second map over the same store (another bridge), a GUID whose
// first candidate is taken gets the next free id, ids stay in xs:int's
// positive range, and an id nobody handed out names nothing.
#define BOOST_TEST_MODULE bridge_object_ids_test
#include <boost/test/unit_test.hpp>

#include "object_ids.hpp"
#include "state_store.hpp"
#include "support/temp_dir.hpp"

#include <set>
#include <string>

using mktows_bridge::FileStateStore;
using mktows_bridge::ObjectIds;

BOOST_AUTO_TEST_CASE(ids_are_stable_across_maps_sharing_a_store) {
  mktows_test::TempDir dir;
  FileStateStore store(dir.path() + "/state");
  ObjectIds one(store), two(store);
  int a = one.id_of("Opportunity", "guid-a");
  BOOST_TEST(a > 0);
  BOOST_TEST(a == ObjectIds::first_candidate("Opportunity", "guid-a"));
  BOOST_TEST(two.id_of("Opportunity", "guid-a") == a);  // another bridge, same store
  FileStateStore again(dir.path() + "/state");           // a restart: a new store object over the file
  ObjectIds three(again);
  std::string guid;
  BOOST_TEST(three.guid_of("Opportunity", a, guid));
  BOOST_TEST(guid == "guid-a");
  BOOST_TEST(three.id_of("Opportunity", "guid-a") == a);
  // Types are apart: the same GUID text under another type is another entry.
  BOOST_TEST(!three.guid_of("OpportunityPersonRole", a, guid));
  // Never handed out, or out of range: names nothing.
  BOOST_TEST(!three.guid_of("Opportunity", a == 1 ? 2 : a - 1, guid));
  BOOST_TEST(!three.guid_of("Opportunity", 0, guid));
  BOOST_TEST(!three.guid_of("Opportunity", -5, guid));
}

BOOST_AUTO_TEST_CASE(a_taken_candidate_moves_to_the_next_free_id) {
  mktows_test::TempDir dir;
  FileStateStore store(dir.path() + "/state");
  int first = ObjectIds::first_candidate("Opportunity", "guid-b");
  // Another GUID holds guid-b's first candidate (a collision, planted).
  store.put("mobj:Opportunity:" + std::to_string(first), "someone-else", 0);
  ObjectIds ids(store);
  int b = ids.id_of("Opportunity", "guid-b");
  BOOST_TEST(b == (first == 2147483646 ? 1 : first + 1));
  std::string guid;
  BOOST_TEST(ids.guid_of("Opportunity", first, guid));
  BOOST_TEST(guid == "someone-else");
  // A fresh map walks the same way to the same id.
  ObjectIds fresh(store);
  BOOST_TEST(fresh.id_of("Opportunity", "guid-b") == b);
}

BOOST_AUTO_TEST_CASE(ids_are_positive_ints_and_distinct) {
  mktows_test::TempDir dir;
  FileStateStore store(dir.path() + "/state");
  ObjectIds ids(store);
  std::set<int> seen;
  for (int i = 0; i < 200; ++i) {
    int id = ids.id_of("OpportunityPersonRole", "7e57ab1e-0101-4e4e-9f9f-" + std::to_string(100000000000LL + i));
    BOOST_TEST(id >= 1);
    BOOST_TEST(id <= 2147483646);
    BOOST_TEST(seen.insert(id).second);
  }
  BOOST_CHECK_THROW(ids.id_of("Opportunity", ""), std::exception);
}
