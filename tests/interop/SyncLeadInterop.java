// SyncLeadInterop.java: JAX-WS classes made by `wsimport -XadditionalHeaders`
// from a mktows WSDL, used the way the seed's Java sample uses them: the
// service built on <endpoint>?WSDL (JAX-WS reads that document at run time
// and checks it against the generated classes), both SOAP headers passed to
// syncLead. Calls syncLead twice for one new Email: CREATED, then UPDATED,
// same leadId. Prints one line per call; exits non-zero on any surprise.
//   java SyncLeadInterop <endpoint> <user id> <email>
// The encryption key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
import com.marketo.mktows.*;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.namespace.QName;
import javax.xml.ws.BindingProvider;

public class SyncLeadInterop {
  static final String NS = "http://www.marketo.com/mktows/";

  static void fail(String why) {
    System.err.println("FAIL: " + why);
    System.exit(1);
  }

  // The sample's signature: a W3C timestamp with a +hh:mm zone, signed with
  // HMAC-SHA1 over timestamp + user id, lower-case hex.
  static AuthenticationHeaderInfo authentication(String userId, String key) throws Exception {
    String text = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssZ").format(new Date());
    String timestamp = text.substring(0, 22) + ":" + text.substring(22);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    byte[] raw = mac.doFinal((timestamp + userId).getBytes(StandardCharsets.UTF_8));
    AuthenticationHeaderInfo header = new AuthenticationHeaderInfo();
    header.setMktowsUserId(userId);
    header.setRequestTimestamp(timestamp);
    header.setRequestSignature(HexFormat.of().formatHex(raw));
    return header;
  }

  static Attribute attribute(String name, String value) {
    Attribute a = new Attribute();
    a.setAttrName(name);
    a.setAttrValue(value);
    return a;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) fail("usage: SyncLeadInterop <endpoint> <user id> <email>");
    String endpoint = args[0], userId = args[1], email = args[2];
    String key = System.getenv("MKTOWS_ENCRYPTION_KEY");
    if (key == null || key.isEmpty()) fail("MKTOWS_ENCRYPTION_KEY is not set");

    QName serviceName = new QName(NS, "MktMktowsApiService");
    MktMktowsApiService service = new MktMktowsApiService(new URL(endpoint + "?WSDL"), serviceName);
    MktowsPort port = service.getMktowsApiSoapPort();
    // Bounded waits (the RI's own property names); the address is the one
    // the served WSDL names, as in the sample.
    Map<String, Object> context = ((BindingProvider) port).getRequestContext();
    context.put("com.sun.xml.ws.connect.timeout", 20000);
    context.put("com.sun.xml.ws.request.timeout", 20000);
    System.out.println("address " + context.get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY));

    ObjectFactory objects = new ObjectFactory();
    int firstId = 0;
    for (String expected : new String[] {"CREATED", "UPDATED"}) {
      LeadRecord lead = new LeadRecord();
      lead.setEmail(objects.createLeadRecordEmail(email));
      ArrayOfAttribute attributes = new ArrayOfAttribute();
      attributes.getAttribute().add(attribute("FirstName", "George"));
      attributes.getAttribute().add(attribute("LastName", "of the Jungle"));
      lead.setLeadAttributeList(objects.createLeadRecordLeadAttributeList(attributes));
      ParamsSyncLead request = new ParamsSyncLead();
      request.setLeadRecord(lead);
      request.setReturnLead(false);
      MktowsContextHeaderInfo headerContext = new MktowsContextHeaderInfo();
      headerContext.setTargetWorkspace("Default");

      SuccessSyncLead result = port.syncLead(request, authentication(userId, key), headerContext);

      ResultSyncLead r = result.getResult();
      String status = r.getSyncStatus().getStatus().value();
      System.out.println("syncLead " + status + " " + r.getLeadId());
      if (!status.equals(expected)) fail("expected " + expected + ", got " + status);
      if (r.getLeadId() != r.getSyncStatus().getLeadId()) fail("leadId differs from syncStatus/leadId");
      if (firstId == 0) firstId = r.getLeadId();
      else if (firstId != r.getLeadId()) fail("UPDATED a different lead");
    }
    System.out.println("OK");
  }
}
