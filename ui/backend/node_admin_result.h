#pragma once
// A node admin API answer as an operator action's result: one wording of 401, 403 and
// "no answer" for every backend that acts through a node's API (a Redis cluster's faults,
// an attached node's every action).
#include <QString>

#include "backend/action_result.h"
#include "backend/node_admin_client.h"

namespace seckill::ui {

// Why an action that needs the nodes' admin token cannot run.
QString missing_admin_token();

// 2xx: done with `done_message`; anything else failed with the node's own sentence.
ActionResult admin_result(const QString& what, const QString& target, const AdminReply& reply,
                          const QString& done_message = {});

}  // namespace seckill::ui
