// campaign.hpp: smart campaigns: getCampaignsForSource, requestCampaign
// (by id, or by program and campaign name with program tokens),
// scheduleCampaign. Plain C++11, no gSOAP (the
// wire side is detail/campaign_calls.hpp).
#ifndef MKTOWS_CAMPAIGN_HPP
#define MKTOWS_CAMPAIGN_HPP

#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

enum class CampaignSource { mktows, sales };  // ReqCampSourceType: MKTOWS (Web Service API), SALES (Sales Insight)

struct Campaign {
  int id = 0;
  std::string name;  // "Program.Campaign"
  std::string description;
};

// A program token ("{{my.message}}") and its value for one run.
struct ProgramToken {
  std::string name;
  std::string value;
  ProgramToken(std::string n, std::string v) : name(std::move(n)), value(std::move(v)) {}
};

// The campaign a requestCampaign names: its id, or its program and name.
// The service takes these two shapes only, and tokens with the second.
class CampaignRef {
 public:
  static CampaignRef by_id(int id) {
    CampaignRef r;
    r.id_ = id;
    return r;
  }
  static CampaignRef by_name(std::string program, std::string campaign) {
    CampaignRef r;
    r.program_ = std::move(program);
    r.campaign_ = std::move(campaign);
    return r;
  }
  CampaignRef &token(std::string name, std::string value) {
    tokens_.push_back(ProgramToken(std::move(name), std::move(value)));
    return *this;
  }
  bool is_by_id() const { return program_.empty() && campaign_.empty(); }
  int id() const { return id_; }
  const std::string &program() const { return program_; }
  const std::string &campaign() const { return campaign_; }
  const std::vector<ProgramToken> &tokens() const { return tokens_; }

 private:
  CampaignRef() : id_(0) {}
  int id_;
  std::string program_, campaign_;
  std::vector<ProgramToken> tokens_;
};

// requestCampaign / scheduleCampaign: the service's `success`, and what
// was sent (so a caller sees what ran).
struct CampaignRunResult {
  bool success = false;
  std::size_t leads = 0;   // lead keys sent (requestCampaign)
  std::size_t tokens = 0;  // program tokens sent
};

}  // namespace mktows

#endif  // MKTOWS_CAMPAIGN_HPP
