#pragma once
// An order's journey as the stages a buy goes through once it won a unit: reserved in the
// ledger (group commit), queued for the order DB, written to the order DB, then paid,
// cancelled or expired (or still awaiting payment). What the Order journey dialog lists.
#include <QString>
#include <vector>

#include "node/order_journey.h"

namespace seckill::ui {

struct JourneyStage {
    QString stage;  // "reserved", "queued for the order DB", "written to the order DB", "paid", …
    Millis at = 0;  // 0: not reached, or when is not known
    QString detail;
    bool reached = false;
};

// `positions` are the queue positions seen while the order waited (the dialog re-asks),
// oldest first; empty when it was never seen waiting.
std::vector<JourneyStage> journey_stages(const node::OrderJourney& journey,
                                         const std::vector<std::int64_t>& positions = {});

// "14:03:07.412" in local time, or "—" for 0.
QString journey_time(Millis at);

}  // namespace seckill::ui
