#pragma once
// One row of the audit trail: how an action ended, plus where it ran and who ran it, so
// "who paused the sale, on which cluster?" has an answer after the console is closed.
#include <QString>

#include "backend/action_result.h"

namespace seckill::ui {

struct AuditEntry : ActionResult {
    QString cluster;        // ConsoleBackend::description(): "local cluster, 3 nodes", a URL
    QString operator_name;  // the OS user the console ran as; empty for a node's own events

    AuditEntry() = default;
    // Implicit: a bare result is an entry whose cluster and operator are not known.
    AuditEntry(ActionResult result, QString cluster_ = {}, QString operator_ = {})
        : ActionResult(std::move(result)),
          cluster(std::move(cluster_)),
          operator_name(std::move(operator_)) {}
};

}  // namespace seckill::ui
