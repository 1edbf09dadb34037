#pragma once
// What a degrade action will really do, as the confirmation asks it. The ledger keeps one
// level for every node plus levels set on single nodes; a node runs at the higher of the
// two (ControlState::degrade_for), and setting every node's level clears the single-node
// ones (Ledger::set_degrade) — so "degrade all to 0" can raise no node but lowers some.
#include <QString>

#include "store/types.h"

namespace seckill::ui {

// "normal", "cached reads", "reject buys", "paused".
QString degrade_level_name(int level);

// The question to ask before setting `level` on `node` (empty = every node), or empty when
// the action needs no confirmation: it turns no buyer away and changes no level the
// operator set elsewhere. `control` is the last state seen; null when none was seen yet.
QString degrade_question(const store::ControlState* control, const QString& node, int level);

}  // namespace seckill::ui
