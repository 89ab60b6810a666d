// ObjectsInterop.java: JAX-WS classes made by `wsimport -XadditionalHeaders`
// from the sandbox's served ?WSDL, making the object, custom object, channel
// and tag calls, each signed by the program itself
// (SyncLeadInterop.authentication: HMAC-SHA1 of requestTimestamp + userId),
// the same calls and the same output as zeep_objects_interop.py (whose
// header says what each group does and checks):
//   objects  listMObjects; syncMObjects + getMObjects of an Opportunity and
//            an OpportunityPersonRole; a 150-opportunity walk; fault 20122
//   custom   syncCustomObjects + getCustomObjects of a Car; a 121-car walk
//            50 a page; a wrong key set (fault 20110)
//   tags     getChannels by name and all; getTags
// Prints the lines tests/interop/objects_flow.hpp checks; exits non-zero on
// any surprise.
//   java ObjectsInterop <endpoint> <user id>
// The encryption key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
import com.marketo.mktows.*;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.ws.BindingProvider;

public class ObjectsInterop {
  static final int MAX_PAGES = 100;  // a walk that does not end is a failure, not a hang
  static final int WALK = 150;       // opportunities in the walk: more than a page (100)
  static final int CARS = 120;       // cars for the custom walk, besides the first
  static final int CAR_PAGE = 50;
  static final ObjectFactory objects = new ObjectFactory();
  static MktowsPort port;
  static String userId, key, run;

  static void fail(String why) {
    System.err.println("FAIL: " + why);
    System.exit(1);
  }

  static AuthenticationHeaderInfo auth() throws Exception { return SyncLeadInterop.authentication(userId, key); }

  static Attrib attrib(String name, String value) {
    Attrib a = new Attrib();
    a.setName(name);
    a.setValue(value);
    return a;
  }

  static ArrayOfAttrib attribs(String... pairs) {
    ArrayOfAttrib list = new ArrayOfAttrib();
    for (int i = 0; i + 1 < pairs.length; i += 2) list.getAttrib().add(attrib(pairs[i], pairs[i + 1]));
    return list;
  }

  static Map<String, String> read(ArrayOfAttrib list) {
    Map<String, String> out = new LinkedHashMap<>();
    if (list != null) for (Attrib a : list.getAttrib()) out.put(a.getName(), a.getValue());
    return out;
  }

  static ArrayOfAttribute attributes(String... pairs) {
    ArrayOfAttribute list = new ArrayOfAttribute();
    for (int i = 0; i + 1 < pairs.length; i += 2) list.getAttribute().add(SyncLeadInterop.attribute(pairs[i], pairs[i + 1]));
    return list;
  }

  static Map<String, String> read(javax.xml.bind.JAXBElement<ArrayOfAttribute> list) {
    Map<String, String> out = new LinkedHashMap<>();
    if (list != null && list.getValue() != null)
      for (Attribute a : list.getValue().getAttribute()) out.put(a.getAttrName(), a.getAttrValue());
    return out;
  }

  static int newLead(String tag) throws Exception {
    LeadRecord lead = new LeadRecord();
    lead.setEmail(objects.createLeadRecordEmail(tag + "@jaxws.example.com"));
    ParamsSyncLead params = new ParamsSyncLead();
    params.setLeadRecord(lead);
    params.setReturnLead(false);
    // The context header given, as the seed's sample gives it: a null one
    // goes out as an xsi:nil MktowsContextHeader, which the front end
    // refuses (20012; the WSDL's element is not nillable).
    MktowsContextHeaderInfo workspace = new MktowsContextHeaderInfo();
    workspace.setTargetWorkspace("Default");
    ResultSyncLead r = port.syncLead(params, auth(), workspace).getResult();
    if (!"CREATED".equals(r.getSyncStatus().getStatus().value())) fail("syncLead of a new address: " + r.getSyncStatus().getStatus());
    return r.getLeadId();
  }

  // --- objects ------------------------------------------------------------------

  static List<MObjStatus> syncM(List<MObject> objs, SyncOperationEnum operation) throws Exception {
    ParamsSyncMObjects params = new ParamsSyncMObjects();
    ArrayOfMObject list = new ArrayOfMObject();
    list.getMObject().addAll(objs);
    params.setMObjectList(list);
    params.setOperation(operation);
    List<MObjStatus> statuses = port.syncMObjects(params, auth()).getResult().getMObjStatusList().getMObjStatus();
    if (statuses.size() != objs.size()) fail("syncMObjects: " + statuses.size() + " statuses for " + objs.size() + " objects");
    return statuses;
  }

  static MObject opportunity(String externalKey, ArrayOfAttrib values) {
    MObject o = new MObject();
    o.setType("Opportunity");
    o.setExternalKey(attrib("externalOpportunityId", externalKey));
    o.setAttribList(values);
    return o;
  }

  static List<MObject> found(ResultGetMObjects page) {
    List<MObject> out = page.getMObjectList() == null ? new ArrayList<>() : page.getMObjectList().getMObject();
    if (page.getReturnCount() != out.size()) fail("getMObjects: returnCount " + page.getReturnCount() + ", " + out.size() + " objects");
    return out;
  }

  static void objectsGroup() throws Exception {
    List<String> names = port.listMObjects(new ParamsListMObjects(), auth()).getResult().getObjects();
    System.out.println("listMObjects " + String.join(",", names));

    String externalKey = "JAXWS-OPP-" + run;
    MObjStatus created = syncM(List.of(opportunity(externalKey, attribs("Name", "Jungle deal", "Amount", "1200", "Stage", "Prospecting"))),
                               SyncOperationEnum.UPSERT).get(0);
    MObjStatus updated = syncM(List.of(opportunity(externalKey, attribs("Stage", "Closed Won"))), SyncOperationEnum.UPSERT).get(0);
    if (created.getId() != updated.getId() || created.getId() <= 0) fail("syncMObjects: ids " + created.getId() + " then " + updated.getId());
    System.out.println("syncMObjects Opportunity " + created.getStatus().value() + " " + updated.getStatus().value());
    ParamsGetMObjects byKey = new ParamsGetMObjects();
    byKey.setType("Opportunity");
    byKey.setExternalKey(attrib("externalOpportunityId", externalKey));
    List<MObject> got = found(port.getMObjects(byKey, auth()).getResult());
    if (got.size() != 1 || got.get(0).getId() != created.getId()) fail("getMObjects by externalKey: " + got.size() + " objects");
    Map<String, String> values = read(got.get(0).getAttribList());
    System.out.println("getMObjects Opportunity " + values.get("Name") + "|" + values.get("Amount") + "|" + values.get("Stage"));

    int lead = newLead("jaxws-role-" + run);
    MObject role = new MObject();
    role.setType("OpportunityPersonRole");
    role.setAttribList(attribs("OpportunityId", Integer.toString(created.getId()), "PersonId", Integer.toString(lead),
                               "Role", "Buyer", "IsPrimary", "true"));
    MObjStatus roleStatus = syncM(List.of(role), SyncOperationEnum.UPSERT).get(0);
    System.out.println("syncMObjects OpportunityPersonRole " + roleStatus.getStatus().value());
    ParamsGetMObjects byOpportunity = new ParamsGetMObjects();
    byOpportunity.setType("OpportunityPersonRole");
    MObjAssociation of = new MObjAssociation();
    of.setMObjType("Opportunity");
    of.setId(created.getId());
    ArrayOfMObjAssociation assocs = new ArrayOfMObjAssociation();
    assocs.getMObjAssociation().add(of);
    byOpportunity.setMObjAssociationList(assocs);
    List<MObject> roles = found(port.getMObjects(byOpportunity, auth()).getResult());
    if (roles.size() != 1 || roles.get(0).getId() != roleStatus.getId()) fail("getMObjects of the opportunity's roles: " + roles.size());
    values = read(roles.get(0).getAttribList());
    if (!Integer.toString(lead).equals(values.get("PersonId")) || !Integer.toString(created.getId()).equals(values.get("OpportunityId")))
      fail("the role reads back as " + values);
    System.out.println("getMObjects OpportunityPersonRole " + values.get("Role") + "|" + values.get("IsPrimary"));

    // The walk: WALK opportunities of a Stage no other record has, 100 a
    // call (the limit), read back by that criterion.
    String stage = "walk-" + run;
    Set<Integer> made = new HashSet<>();
    for (int start = 0; start < WALK; start += 100) {
      List<MObject> batch = new ArrayList<>();
      for (int i = start; i < Math.min(start + 100, WALK); ++i)
        batch.add(opportunity("JAXWS-WALK-" + run + "-" + i, attribs("Stage", stage)));
      for (MObjStatus s : syncM(batch, SyncOperationEnum.INSERT)) {
        if (!"CREATED".equals(s.getStatus().value())) fail("syncMObjects INSERT of a new key: " + s.getStatus());
        made.add(s.getId());
      }
    }
    MObjCriteria byStage = new MObjCriteria();
    byStage.setAttrName("Stage");
    byStage.setComparison(ComparisonEnum.EQ);
    byStage.setAttrValue(stage);
    ArrayOfMObjCriteria criteria = new ArrayOfMObjCriteria();
    criteria.getMObjCriteria().add(byStage);
    List<Integer> seen = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    String position = null;
    for (int pages = 0;; ++pages) {
      if (pages >= MAX_PAGES) fail("getMObjects: more than " + MAX_PAGES + " pages");
      ParamsGetMObjects query = new ParamsGetMObjects();
      query.setType("Opportunity");
      query.setMObjCriteriaList(criteria);
      if (position != null) query.setStreamPosition(position);
      ResultGetMObjects page = port.getMObjects(query, auth()).getResult();
      List<MObject> items = found(page);
      sizes.add(Integer.toString(items.size()));
      for (MObject o : items) seen.add(o.getId());
      if (!page.isHasMore()) break;
      if (page.getNewStreamPosition() == null || page.getNewStreamPosition().isEmpty()) fail("hasMore without a newStreamPosition");
      position = page.getNewStreamPosition();
    }
    if (new HashSet<>(seen).size() != seen.size() || !new HashSet<>(seen).equals(made))
      fail("the walk gave " + seen.size() + " objects, " + made.size() + " were written");
    System.out.println("getMObjects walk " + seen.size() + " pages " + String.join(",", sizes));
    ParamsGetMObjects forged = new ParamsGetMObjects();
    forged.setType("Opportunity");
    forged.setMObjCriteriaList(criteria);
    forged.setStreamPosition("MO1:7:forged");
    try {
      port.getMObjects(forged, auth());
      fail("a forged streamPosition was accepted");
    } catch (Exception e) {
      System.out.println("getMObjects position fault " + LeadCallsInterop.faultCode(e));
    }
  }

  // --- custom objects -----------------------------------------------------------

  static CustomObj car(int lead, String vin, String... values) {
    CustomObj c = new CustomObj();
    c.setCustomObjKeyList(objects.createCustomObjCustomObjKeyList(attributes("MKTOID", Integer.toString(lead), "VIN", vin)));
    c.setCustomObjAttributeList(objects.createCustomObjCustomObjAttributeList(attributes(values)));
    return c;
  }

  static ParamsSyncCustomObjects syncCustomParams(List<CustomObj> cars, SyncOperationEnum operation) {
    ParamsSyncCustomObjects params = new ParamsSyncCustomObjects();
    params.setObjTypeName("Car");
    ArrayOfCustomObj list = new ArrayOfCustomObj();
    list.getCustomObj().addAll(cars);
    params.setCustomObjList(list);
    params.setOperation(objects.createParamsSyncCustomObjectsOperation(operation));
    return params;
  }

  static List<SyncCustomObjStatus> syncCustom(List<CustomObj> cars, SyncOperationEnum operation) throws Exception {
    List<SyncCustomObjStatus> statuses =
        port.syncCustomObjects(syncCustomParams(cars, operation), auth()).getResult().getSyncCustomObjStatusList().getSyncCustomObjStatus();
    if (statuses.size() != cars.size()) fail("syncCustomObjects: " + statuses.size() + " statuses for " + cars.size() + " records");
    return statuses;
  }

  static ParamsGetCustomObjects getCustomParams(ArrayOfAttribute keys) {
    ParamsGetCustomObjects params = new ParamsGetCustomObjects();
    params.setObjTypeName("Car");
    params.setCustomObjKeyList(objects.createParamsGetCustomObjectsCustomObjKeyList(keys));
    params.setIncludeAttributes(new ArrayOfString());
    return params;
  }

  static List<CustomObj> found(ResultGetCustomObjects page) {
    List<CustomObj> out = page.getCustomObjList() == null || page.getCustomObjList().getValue() == null
                              ? new ArrayList<>() : page.getCustomObjList().getValue().getCustomObj();
    if (page.getReturnCount() != out.size()) fail("getCustomObjects: returnCount " + page.getReturnCount() + ", " + out.size() + " records");
    return out;
  }

  static void customGroup() throws Exception {
    int lead = newLead("jaxws-car-" + run);
    String vin = "JAXWS-VIN-" + run;
    String first = syncCustom(List.of(car(lead, vin, "Make", "Volkswagen", "Model", "Beetle", "Year", "1968")), SyncOperationEnum.UPSERT)
                       .get(0).getStatus().value();
    String second = syncCustom(List.of(car(lead, vin, "Model", "Golf")), SyncOperationEnum.UPSERT).get(0).getStatus().value();
    System.out.println("syncCustomObjects " + first + " " + second);
    List<CustomObj> got = found(port.getCustomObjects(getCustomParams(attributes("VIN", vin)), auth()).getResult());
    if (got.size() != 1) fail("getCustomObjects by VIN: " + got.size() + " records");
    Map<String, String> keys = read(got.get(0).getCustomObjKeyList()), values = read(got.get(0).getCustomObjAttributeList());
    if (!Integer.toString(lead).equals(keys.get("MKTOID")) || !vin.equals(keys.get("VIN"))) fail("getCustomObjects keys " + keys);
    System.out.println("getCustomObjects " + values.get("Make") + "|" + values.get("Model") + "|" + values.get("Year"));

    // The walk: CARS more cars of the lead, 100 a call (the limit), read by
    // its MKTOID CAR_PAGE a page.
    Set<String> vins = new HashSet<>();
    vins.add(vin);
    for (int start = 0; start < CARS; start += 100) {
      List<CustomObj> batch = new ArrayList<>();
      for (int i = start; i < Math.min(start + 100, CARS); ++i) {
        batch.add(car(lead, vin + "-" + i));
        vins.add(vin + "-" + i);
      }
      for (SyncCustomObjStatus s : syncCustom(batch, SyncOperationEnum.INSERT))
        if (!"CREATED".equals(s.getStatus().value())) fail("syncCustomObjects INSERT of a new VIN: " + s.getStatus());
    }
    List<String> seen = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    String position = null;
    for (int pages = 0;; ++pages) {
      if (pages >= MAX_PAGES) fail("getCustomObjects: more than " + MAX_PAGES + " pages");
      ParamsGetCustomObjects query = getCustomParams(attributes("MKTOID", Integer.toString(lead)));
      query.setBatchSize(objects.createParamsGetCustomObjectsBatchSize(CAR_PAGE));
      if (position != null) query.setStreamPosition(objects.createParamsGetCustomObjectsStreamPosition(position));
      ResultGetCustomObjects page = port.getCustomObjects(query, auth()).getResult();
      List<CustomObj> items = found(page);
      sizes.add(Integer.toString(items.size()));
      for (CustomObj c : items) seen.add(read(c.getCustomObjKeyList()).get("VIN"));
      if (page.getRemainingCount() != vins.size() - seen.size())
        fail("remainingCount " + page.getRemainingCount() + " after " + seen.size() + " of " + vins.size());
      if (page.getRemainingCount() == 0) break;
      if (page.getNewStreamPosition() == null || page.getNewStreamPosition().isEmpty())
        fail("remainingCount " + page.getRemainingCount() + " without a newStreamPosition");
      position = page.getNewStreamPosition();
    }
    if (new HashSet<>(seen).size() != seen.size() || !new HashSet<>(seen).equals(vins))
      fail("the walk gave " + seen.size() + " cars, " + vins.size() + " were written");
    System.out.println("getCustomObjects walk " + seen.size() + " pages " + String.join(",", sizes));
    // Make is a field of Car, not one of its keys: the key set is wrong.
    CustomObj wrong = car(lead, vin);
    wrong.getCustomObjKeyList().getValue().getAttribute().add(SyncLeadInterop.attribute("Make", "Saab"));
    try {
      port.syncCustomObjects(syncCustomParams(List.of(wrong), SyncOperationEnum.UPSERT), auth());
      fail("a wrong key set was accepted");
    } catch (Exception e) {
      System.out.println("syncCustomObjects key fault " + LeadCallsInterop.faultCode(e));
    }
  }

  // --- channels and tags --------------------------------------------------------

  static List<TagStatus> channels(Tag tag) throws Exception {
    ParamsGetChannels params = new ParamsGetChannels();
    params.setTag(tag);
    return port.getChannels(params, auth()).getResult().getTags().getTagStatus();
  }

  static void tagsGroup() throws Exception {
    Tag webinar = new Tag();
    ArrayOfString names = new ArrayOfString();
    names.getStringItem().add("Webinar");
    webinar.setValues(names);
    StringBuilder line = new StringBuilder("getChannels");
    for (TagStatus c : channels(webinar)) {
      List<String> statuses = new ArrayList<>();
      for (ProgressionStatus s : c.getStatusList().getProgressionStatusItem()) {
        Map<String, String> a = read(s.getProgressionStatus());
        statuses.add(a.get("Status") + ":" + a.get("Step") + ":" + a.get("Success"));
      }
      line.append(' ').append(c.getTagValue()).append('=').append(String.join(",", statuses));
    }
    System.out.println(line);
    List<String> all = new ArrayList<>();
    for (TagStatus c : channels(null)) all.add(c.getTagValue());
    System.out.println("getChannels all " + String.join(",", all));
    StringBuilder tags = new StringBuilder("getTags");
    for (Tag t : port.getTags(new ParamsGetTags(), auth()).getResult().getTagList().getTag())
      tags.append(' ').append(t.getType()).append('=').append(String.join(",", t.getValues().getStringItem()));
    System.out.println(tags);
  }

  public static void main(String[] args) throws Exception {
    LeadCallsInterop.SAAJ_LOG.setLevel(java.util.logging.Level.SEVERE);
    if (args.length != 2) fail("usage: ObjectsInterop <endpoint> <user id>");
    String endpoint = args[0];
    userId = args[1];
    key = System.getenv("MKTOWS_ENCRYPTION_KEY");
    if (key == null || key.isEmpty()) fail("MKTOWS_ENCRYPTION_KEY is not set");
    // Keys, VINs and addresses of this run only.
    run = ProcessHandle.current().pid() + "-" + System.currentTimeMillis() / 1000;
    MktMktowsApiService service =
        new MktMktowsApiService(new URL(endpoint + "?WSDL"), new QName(SyncLeadInterop.NS, "MktMktowsApiService"));
    port = service.getMktowsApiSoapPort();
    Map<String, Object> context = ((BindingProvider) port).getRequestContext();
    context.put("com.sun.xml.ws.connect.timeout", 20000);
    context.put("com.sun.xml.ws.request.timeout", 20000);
    objectsGroup();
    customGroup();
    tagsGroup();
    System.out.println("OK");
  }
}
