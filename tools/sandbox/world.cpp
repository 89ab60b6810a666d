// world.cpp: the default world and the configuration's additions to it.
#include "world.hpp"

#include "config.hpp"
#include "config_json.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace mktows_sandbox {

using nlohmann::json;

namespace {

template <class T, class Key>
const T *find_in(const std::vector<T> &items, Key match) {
  for (const T &t : items)
    if (match(t)) return &t;
  return nullptr;
}

bool get_bool(const json &obj, const char *key, const std::string &path, bool fallback) {
  auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->is_boolean()) throw ConfigError(where(path, std::string("\"") + key + "\" must be true or false"));
  return it->get<bool>();
}

const json &array_at(const json &root, const char *key) {
  const json &a = root[key];
  if (!a.is_array()) throw ConfigError(where(key, "must be an array"));
  return a;
}

// A name SOAP writes as the second part of "Program.Name" must not be empty;
// a program's name must not hold the dot that splits the two.
std::string get_name(const json &obj, const char *key, const std::string &path, bool is_program) {
  std::string n = get_string(obj, key, path, true);
  if (n.empty()) throw ConfigError(where(path, std::string("empty \"") + key + "\""));
  if (is_program && n.find('.') != std::string::npos)
    throw ConfigError(where(path, "a program name may not hold a dot (SOAP writes Program.Name)"));
  return n;
}

}  // namespace

const Program *World::program(const std::string &name) const {
  return find_in(programs, [&](const Program &p) { return iequals(p.name, name); });
}

const Campaign *World::campaign(int id) const {
  return find_in(campaigns, [&](const Campaign &c) { return c.id == id; });
}

const Campaign *World::campaign(const std::string &program, const std::string &name) const {
  return find_in(campaigns, [&](const Campaign &c) { return iequals(c.program, program) && iequals(c.name, name); });
}

const StaticList *World::list(int id) const {
  return find_in(lists, [&](const StaticList &l) { return l.id == id; });
}

const StaticList *World::list(const std::string &program, const std::string &name) const {
  return find_in(lists, [&](const StaticList &l) { return iequals(l.program, program) && iequals(l.name, name); });
}

const StaticList *World::list_by_qualified_name(const std::string &qualified) const {
  std::size_t dot = qualified.find('.');
  if (dot == std::string::npos) return nullptr;
  return list(qualified.substr(0, dot), qualified.substr(dot + 1));
}

const Channel *World::channel(const std::string &name) const {
  return find_in(channels, [&](const Channel &c) { return iequals(c.name, name); });
}

const CustomObjectType *World::custom_object_type(const std::string &name) const {
  return find_in(custom_object_types, [&](const CustomObjectType &t) { return iequals(t.name, name); });
}

const char *CustomObjectType::field_type(const std::string &n) const {
  if (n == lead_link) return "integer";
  auto named = [&](const CustomObjectField &x) { return x.name == n; };
  if (const CustomObjectField *f = find_in(dedupe, named)) return f->type.c_str();
  if (const CustomObjectField *f = find_in(fields, named)) return f->type.c_str();
  return nullptr;
}

bool CustomObjectType::is_dedupe(const std::string &n) const {
  return find_in(dedupe, [&](const CustomObjectField &x) { return x.name == n; }) != nullptr;
}

World default_world() {
  World w;
  w.programs = {{1001, "Demo Program", "Default", ""}, {1002, "Webinar 2026", "Event", "Webinar"}};
  Campaign welcome{2001, "Demo Program", "Welcome", "Sends the welcome email", true, true, false};
  Campaign alert{2002, "Demo Program", "Sales Alert", "Alerts the lead's owner", true, false, true};
  Campaign digest{2003, "Demo Program", "Weekly Digest", "Sends the weekly digest", false, false, false};
  w.campaigns = {welcome, alert, digest};
  w.lists = {{3001, "Demo Program", "Newsletter"}, {3002, "Webinar 2026", "Attendees"}};
  w.channels = {{"Webinar", "Event", {{"Invited", 10, false}, {"Registered", 20, false}, {"Attended", 30, true},
                                      {"No Show", 30, false}}},
                {"Email Blast", "Default", {{"Sent", 10, false}, {"Opened", 20, false}, {"Clicked", 30, true}}}};
  w.tag_types = {{"Region", {"EMEA", "Americas", "APAC"}}};
  CustomObjectType car;
  car.name = "Car";
  car.display_name = "Car";
  car.dedupe = {{"VIN", "string"}};
  car.fields = {{"Make", "string"}, {"Model", "string"}, {"Year", "integer"}, {"Color", "string"}};
  w.custom_object_types = {car};
  return w;
}

void read_world(const json &root, World &w) {
  if (!get_bool(root, "defaultWorld", "$", true)) w = World();
  std::set<int> ids;
  for (const Program &p : w.programs) ids.insert(p.id);
  for (const Campaign &c : w.campaigns) ids.insert(c.id);
  for (const StaticList &l : w.lists) ids.insert(l.id);
  // Ids are one space across programs, campaigns and lists, so that a
  // number in a log or a fault names one thing.
  auto take_id = [&](const json &j, const std::string &path) {
    int id = static_cast<int>(get_int(j, "id", path, 0, 1, 2147483647));
    if (id == 0) throw ConfigError(where(path, "missing \"id\""));
    if (!ids.insert(id).second) throw ConfigError(where(path, "id " + std::to_string(id) + " is taken"));
    return id;
  };
  if (root.contains("programs")) {
    const json &a = array_at(root, "programs");
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::string path = "programs[" + std::to_string(i) + "]";
      check_keys(a[i], path, {"id", "name", "type", "channel"});
      Program p;
      p.id = take_id(a[i], path);
      p.name = get_name(a[i], "name", path, true);
      if (w.program(p.name)) throw ConfigError(where(path, "duplicate program " + p.name));
      std::string type = get_string(a[i], "type", path, false);
      if (!type.empty()) p.type = type;
      p.channel = get_string(a[i], "channel", path, false);
      w.programs.push_back(p);
    }
  }
  if (root.contains("channels")) {
    const json &a = array_at(root, "channels");
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::string path = "channels[" + std::to_string(i) + "]";
      check_keys(a[i], path, {"name", "programType", "statuses"});
      Channel c;
      c.name = get_name(a[i], "name", path, false);
      if (w.channel(c.name)) throw ConfigError(where(path, "duplicate channel " + c.name));
      std::string type = get_string(a[i], "programType", path, false);
      if (!type.empty()) c.program_type = type;
      if (a[i].contains("statuses")) {
        if (!a[i]["statuses"].is_array()) throw ConfigError(where(path, "\"statuses\" must be an array"));
        for (std::size_t k = 0; k < a[i]["statuses"].size(); ++k) {
          const json &s = a[i]["statuses"][k];
          std::string spath = path + ".statuses[" + std::to_string(k) + "]";
          check_keys(s, spath, {"name", "step", "success"});
          c.statuses.push_back({get_name(s, "name", spath, false), static_cast<int>(get_int(s, "step", spath, 0, 0, 1000000)),
                                get_bool(s, "success", spath, false)});
        }
      }
      w.channels.push_back(c);
    }
  }
  for (const Program &p : w.programs)
    if (!p.channel.empty() && !w.channel(p.channel))
      throw ConfigError("configuration: program " + p.name + " names unknown channel " + p.channel);
  auto in_program = [&](const json &j, const std::string &path) {
    std::string program = get_name(j, "program", path, true);
    const Program *p = w.program(program);
    if (!p) throw ConfigError(where(path, "unknown program " + program));
    return p->name;
  };
  if (root.contains("campaigns")) {
    const json &a = array_at(root, "campaigns");
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::string path = "campaigns[" + std::to_string(i) + "]";
      check_keys(a[i], path, {"id", "program", "name", "description", "type", "requestable"});
      Campaign c;
      c.id = take_id(a[i], path);
      c.program = in_program(a[i], path);
      c.name = get_name(a[i], "name", path, false);
      if (w.campaign(c.program, c.name)) throw ConfigError(where(path, "duplicate campaign " + c.qualified_name()));
      c.description = get_string(a[i], "description", path, false);
      std::string type = get_string(a[i], "type", path, false);
      if (!type.empty() && type != "trigger" && type != "batch")
        throw ConfigError(where(path, "\"type\" must be trigger or batch"));
      c.trigger = type != "batch";
      if (a[i].contains("requestable")) {
        const json &r = a[i]["requestable"];
        if (!r.is_array()) throw ConfigError(where(path, "\"requestable\" must be an array of MKTOWS, SALES"));
        for (const json &s : r) {
          if (s == "MKTOWS") c.requestable_web_service = true;
          else if (s == "SALES") c.requestable_sales = true;
          else throw ConfigError(where(path, "\"requestable\" must be an array of MKTOWS, SALES"));
        }
      }
      if (!c.trigger && (c.requestable_web_service || c.requestable_sales))
        throw ConfigError(where(path, "a batch campaign cannot be requestable"));
      w.campaigns.push_back(c);
    }
  }
  if (root.contains("lists")) {
    const json &a = array_at(root, "lists");
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::string path = "lists[" + std::to_string(i) + "]";
      check_keys(a[i], path, {"id", "program", "name"});
      StaticList l;
      l.id = take_id(a[i], path);
      l.program = in_program(a[i], path);
      l.name = get_name(a[i], "name", path, false);
      if (w.list(l.program, l.name)) throw ConfigError(where(path, "duplicate list " + l.qualified_name()));
      w.lists.push_back(l);
    }
  }
  if (root.contains("tagTypes")) {
    const json &a = array_at(root, "tagTypes");
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::string path = "tagTypes[" + std::to_string(i) + "]";
      check_keys(a[i], path, {"name", "values"});
      TagType t;
      t.name = get_name(a[i], "name", path, false);
      for (const TagType &o : w.tag_types)
        if (iequals(o.name, t.name)) throw ConfigError(where(path, "duplicate tag type " + t.name));
      if (!a[i].contains("values") || !a[i]["values"].is_array())
        throw ConfigError(where(path, "\"values\" must be an array of strings"));
      for (const json &v : a[i]["values"]) {
        if (!v.is_string() || v.get<std::string>().empty())
          throw ConfigError(where(path, "\"values\" must be an array of strings"));
        t.values.push_back(v.get<std::string>());
      }
      w.tag_types.push_back(t);
    }
  }
  if (root.contains("customObjectTypes")) {
    const json &a = array_at(root, "customObjectTypes");
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::string path = "customObjectTypes[" + std::to_string(i) + "]";
      check_keys(a[i], path, {"name", "displayName", "dedupeFields", "leadLink", "fields"});
      CustomObjectType t;
      t.name = get_name(a[i], "name", path, false);
      if (w.custom_object_type(t.name)) throw ConfigError(where(path, "duplicate custom object type " + t.name));
      t.display_name = get_string(a[i], "displayName", path, false);
      if (t.display_name.empty()) t.display_name = t.name;
      std::string link = get_string(a[i], "leadLink", path, false);
      if (!link.empty()) t.lead_link = link;
      // A field: {"name": ..., "type": "string" | "integer"}; each name once
      // in the type (the link's included).
      std::set<std::string> names{t.lead_link};
      auto read_fields = [&](const char *key, std::vector<CustomObjectField> &out) {
        if (!a[i].contains(key)) return;
        const json &f = a[i][key];
        if (!f.is_array()) throw ConfigError(where(path, std::string("\"") + key + "\" must be an array"));
        for (std::size_t k = 0; k < f.size(); ++k) {
          std::string fpath = path + "." + key + "[" + std::to_string(k) + "]";
          check_keys(f[k], fpath, {"name", "type"});
          CustomObjectField field;
          field.name = get_name(f[k], "name", fpath, false);
          std::string type = get_string(f[k], "type", fpath, false);
          if (!type.empty() && type != "string" && type != "integer")
            throw ConfigError(where(fpath, "\"type\" must be string or integer"));
          if (!type.empty()) field.type = type;
          if (!names.insert(field.name).second) throw ConfigError(where(fpath, "duplicate field " + field.name));
          out.push_back(field);
        }
      };
      read_fields("dedupeFields", t.dedupe);
      read_fields("fields", t.fields);
      if (t.dedupe.empty()) throw ConfigError(where(path, "\"dedupeFields\" must name at least one field"));
      w.custom_object_types.push_back(t);
    }
  }
}

}  // namespace mktows_sandbox
