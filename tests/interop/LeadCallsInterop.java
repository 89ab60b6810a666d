// LeadCallsInterop.java: JAX-WS classes made by `wsimport -XadditionalHeaders`
// from the sandbox's served ?WSDL, making the lead, list and campaign calls a
// legacy application makes, each signed by the program itself
// (SyncLeadInterop.authentication: HMAC-SHA1 of requestTimestamp + userId):
//   getCampaignsForSource(MKTOWS), requestCampaign for one lead,
//   getMultipleLeads with a LastUpdateAtSelector walked page by page with
//   streamPosition until remainingCount is 0 (every lead once, the total),
//   listOperation ADDTOLIST and ISMEMBEROFLIST, the StaticListSelector walk
//   of that list, and a forged streamPosition (fault 20122).
// Prints the lines tests/interop/lead_calls_flow.hpp checks; exits non-zero
// on any surprise.
//   java LeadCallsInterop <endpoint> <user id> <leads> <list members>
// The encryption key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
import com.marketo.mktows.*;

import java.net.URL;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.namespace.QName;
import javax.xml.ws.BindingProvider;

public class LeadCallsInterop {
  static final int MAX_PAGES = 1000;  // a walk that does not end is a failure, not a hang
  static final ObjectFactory objects = new ObjectFactory();
  static MktowsPort port;
  static String userId, key;

  static void fail(String why) {
    System.err.println("FAIL: " + why);
    System.exit(1);
  }

  static LeadKey leadKey(int id) {
    LeadKey k = new LeadKey();
    k.setKeyType(LeadKeyRef.IDNUM);
    k.setKeyValue(Integer.toString(id));
    return k;
  }

  // Every page of a getMultipleLeads walk; the lead ids in order.
  static List<Integer> walk(LeadSelector selector, int batch, int[] pages) throws Exception {
    List<Integer> ids = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    String position = null;
    int announced = -1;
    pages[0] = 0;
    while (true) {
      ParamsGetMultipleLeads params = new ParamsGetMultipleLeads();
      params.setLeadSelector(selector);
      params.setBatchSize(objects.createParamsGetMultipleLeadsBatchSize(batch));
      if (position != null) params.setStreamPosition(objects.createParamsGetMultipleLeadsStreamPosition(position));
      ResultGetMultipleLeads page =
          port.getMultipleLeads(params, SyncLeadInterop.authentication(userId, key)).getResult();
      pages[0]++;
      List<LeadRecord> records = page.getLeadRecordList() == null || page.getLeadRecordList().getValue() == null
                                     ? new ArrayList<>()
                                     : page.getLeadRecordList().getValue().getLeadRecord();
      if (page.getReturnCount() != records.size())
        fail("returnCount " + page.getReturnCount() + " but " + records.size() + " records");
      if (announced < 0) announced = page.getReturnCount() + page.getRemainingCount();
      for (LeadRecord r : records) {
        int id = r.getId().getValue();
        if (!seen.add(id)) fail("lead " + id + " came back twice");
        ids.add(id);
      }
      if (page.getRemainingCount() == 0) break;
      if (page.getNewStreamPosition() == null || page.getNewStreamPosition().isEmpty())
        fail("remainingCount " + page.getRemainingCount() + " without a newStreamPosition");
      if (pages[0] >= MAX_PAGES) fail("more than " + MAX_PAGES + " pages");
      position = page.getNewStreamPosition();
    }
    if (announced != ids.size()) fail("the first page announced " + announced + " leads, the walk gave " + ids.size());
    return ids;
  }

  static ResultListOperation listOperation(ListOperationType op, List<Integer> ids) throws Exception {
    ListKey newsletter = new ListKey();
    newsletter.setKeyType(ListKeyType.MKTOLISTNAME);
    newsletter.setKeyValue("Demo Program.Newsletter");
    ParamsListOperation params = new ParamsListOperation();
    params.setListOperation(op);
    params.setListKey(newsletter);
    ArrayOfLeadKey keys = new ArrayOfLeadKey();
    for (int id : ids) keys.getLeadKey().add(leadKey(id));
    params.setListMemberList(keys);
    return port.listOperation(params, SyncLeadInterop.authentication(userId, key)).getResult();
  }

  // SAAJ (loaded to read a SOAPFaultException's detail) warns on stderr
  // about its factory lookup; the test reads stdout and stderr together.
  static final java.util.logging.Logger SAAJ_LOG = java.util.logging.Logger.getLogger("javax.xml.soap");

  public static void main(String[] args) throws Exception {
    SAAJ_LOG.setLevel(java.util.logging.Level.SEVERE);
    if (args.length != 4) fail("usage: LeadCallsInterop <endpoint> <user id> <leads> <list members>");
    String endpoint = args[0];
    userId = args[1];
    int total = Integer.parseInt(args[2]), members = Integer.parseInt(args[3]);
    key = System.getenv("MKTOWS_ENCRYPTION_KEY");
    if (key == null || key.isEmpty()) fail("MKTOWS_ENCRYPTION_KEY is not set");
    MktMktowsApiService service =
        new MktMktowsApiService(new URL(endpoint + "?WSDL"), new QName(SyncLeadInterop.NS, "MktMktowsApiService"));
    port = service.getMktowsApiSoapPort();
    Map<String, Object> context = ((BindingProvider) port).getRequestContext();
    context.put("com.sun.xml.ws.connect.timeout", 20000);
    context.put("com.sun.xml.ws.request.timeout", 20000);

    // getCampaignsForSource: the trigger campaigns the Web Service API may request.
    ParamsGetCampaignsForSource source = new ParamsGetCampaignsForSource();
    source.setSource(ReqCampSourceType.MKTOWS);
    ResultGetCampaignsForSource campaigns =
        port.getCampaignsForSource(source, SyncLeadInterop.authentication(userId, key)).getResult();
    List<CampaignRecord> records = campaigns.getCampaignRecordList() == null ? new ArrayList<>()
                                       : campaigns.getCampaignRecordList().getValue().getCampaignRecord();
    if (campaigns.getReturnCount() != records.size() || records.isEmpty())
      fail("getCampaignsForSource: returnCount " + campaigns.getReturnCount() + ", " + records.size() + " records");
    System.out.println("campaigns " + campaigns.getReturnCount() + " " + records.get(0).getId() + " " +
                       records.get(0).getName());

    // getMultipleLeads over every lead updated in the last hour, 100 a page.
    GregorianCalendar hourAgo = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    hourAgo.add(GregorianCalendar.HOUR_OF_DAY, -1);
    LastUpdateAtSelector since = new LastUpdateAtSelector();
    since.setOldestUpdatedAt(DatatypeFactory.newInstance().newXMLGregorianCalendar(hourAgo));
    int[] pages = new int[1];
    List<Integer> ids = walk(since, 100, pages);
    if (ids.size() != total) fail("the walk gave " + ids.size() + " leads, the sandbox holds " + total);
    System.out.println("lastUpdate leads " + ids.size() + " pages " + pages[0]);

    // requestCampaign for the first lead, by the listed campaign's id.
    ParamsRequestCampaign request = new ParamsRequestCampaign();
    request.setSource(ReqCampSourceType.MKTOWS);
    request.setCampaignId(objects.createParamsRequestCampaignCampaignId(records.get(0).getId()));
    ArrayOfLeadKey one = new ArrayOfLeadKey();
    one.getLeadKey().add(leadKey(ids.get(0)));
    request.setLeadList(objects.createParamsRequestCampaignLeadList(one));
    boolean requested = port.requestCampaign(request, SyncLeadInterop.authentication(userId, key)).getResult().isSuccess();
    System.out.println("requestCampaign " + requested);

    // listOperation: the first `members` leads join the newsletter.
    List<Integer> chosen = new ArrayList<>(ids.subList(0, members));
    ResultListOperation added = listOperation(ListOperationType.ADDTOLIST, chosen);
    int yes = 0;
    if (added.getStatusList() != null)
      for (LeadStatus s : added.getStatusList().getValue().getLeadStatus()) yes += s.isStatus() ? 1 : 0;
    System.out.println("ADDTOLIST " + yes + " of " + chosen.size() + " " + added.isSuccess());
    List<Integer> two = new ArrayList<>();
    two.add(ids.get(0));
    two.add(ids.get(ids.size() - 1));
    StringBuilder said = new StringBuilder("ISMEMBEROFLIST");
    for (LeadStatus s : listOperation(ListOperationType.ISMEMBEROFLIST, two).getStatusList().getValue().getLeadStatus())
      said.append(' ').append(s.isStatus());
    System.out.println(said);

    // The list's members, 40 a page, in the order they were added.
    StaticListSelector byList = new StaticListSelector();
    byList.setStaticListName(objects.createStaticListSelectorStaticListName("Demo Program.Newsletter"));
    List<Integer> listed = walk(byList, 40, pages);
    if (!listed.equals(chosen)) fail("the list's walk gave other leads than were added, or in another order");
    System.out.println("staticList leads " + listed.size() + " pages " + pages[0]);

    // A position the sandbox did not hand out: the vendor's fault, read
    // through the WSDL's fault detail.
    ParamsGetMultipleLeads forged = new ParamsGetMultipleLeads();
    forged.setLeadSelector(since);
    forged.setStreamPosition(objects.createParamsGetMultipleLeadsStreamPosition("w1:o0:forged"));
    try {
      port.getMultipleLeads(forged, SyncLeadInterop.authentication(userId, key));
      fail("a forged streamPosition was accepted");
    } catch (Exception e) {
      System.out.println("position fault " + faultCode(e));
    }
    System.out.println("OK");
  }

  // The Marketo code of a fault, whichever way wsimport made it: our WSDL
  // declares the fault (a generated exception with getFaultInfo()); the
  // vendor's 2_2 file declares none (a SOAPFaultException whose detail
  // holds serviceException/code).
  static String faultCode(Exception e) throws Exception {
    try {
      Object info = e.getClass().getMethod("getFaultInfo").invoke(e);
      return String.valueOf(info.getClass().getMethod("getCode").invoke(info));
    } catch (NoSuchMethodException notGenerated) {
      if (!(e instanceof javax.xml.ws.soap.SOAPFaultException)) throw e;
      javax.xml.soap.Detail detail = ((javax.xml.ws.soap.SOAPFaultException) e).getFault().getDetail();
      if (detail == null) throw e;
      org.w3c.dom.NodeList codes = detail.getElementsByTagNameNS("*", "code");
      if (codes.getLength() == 0) throw e;
      return codes.item(0).getTextContent().trim();
    }
  }
}
