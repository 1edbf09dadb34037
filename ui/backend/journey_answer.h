#pragma once
// A backend's answer to "where is order X?" (ConsoleBackend::orderJourney).
#include <QString>
#include <optional>

#include "node/order_journey.h"

namespace seckill::ui {

struct JourneyAnswer {
    std::optional<node::OrderJourney> journey;  // nothing: unknown here, or the lookup failed
    QString error;                              // why it failed; empty when simply unknown
};

}  // namespace seckill::ui
