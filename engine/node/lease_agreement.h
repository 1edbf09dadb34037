#pragma once
// I7 on the node's side: does this node's lease agree with the ledger's record of it?
// The two are read at different moments and units move between them all the time (a buy
// takes a unit here before its commit lands there; a grant lands there before it is added
// here), so one disagreement means nothing. A disagreement is reported only when the SAME
// pair (local, ledger) is seen at two consecutive heartbeats: nothing moved for a whole
// heartbeat on either side, so no in-flight buy, grant or return explains it. This keeps
// the check deterministic (no timing thresholds) at the price of one heartbeat's delay,
// and a sale still selling hides a real disagreement only until its next commit, which
// resynchronises the lease anyway (no_lease).
#include <cstdint>
#include <map>
#include <string>

namespace seckill::node {

struct LeaseDisagreement {
    std::int64_t local = 0;
    std::int64_t ledger = 0;
    bool operator==(const LeaseDisagreement&) const = default;
};

class LeaseAgreement {
  public:
    // One heartbeat's observation, sale -> units on each side (absent = 0). Returns the
    // disagreements that persisted since the previous observation.
    std::map<std::string, LeaseDisagreement> observe(
        const std::map<std::string, std::int64_t>& local,
        const std::map<std::string, std::int64_t>& ledger);

  private:
    std::map<std::string, LeaseDisagreement> last_;
};

}  // namespace seckill::node
