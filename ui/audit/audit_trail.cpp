#include "audit/audit_trail.h"

#include <exception>

#include "audit/audit_log.h"
#include "models/audit_log_model.h"

namespace seckill::ui {

AuditTrail::AuditTrail(AuditLog* log, AuditLogModel* model, QObject* parent)
    : QObject(parent), log_(log), model_(model) {
    if (!log_) return;
    try {
        model_->load(log_->recent(AuditLogModel::max_rows));
    } catch (const std::exception& e) {
        Q_EMIT writeFailed(QString::fromUtf8(e.what()));
    }
}

void AuditTrail::record(const ActionResult& entry) {
    ActionResult shown = entry;
    try {
        if (!log_) throw std::runtime_error("the audit log file is not open");
        log_->append(entry);
    } catch (const std::exception& e) {
        shown.message += QStringLiteral(" [not in the audit file: %1]").arg(QString::fromUtf8(e.what()));
        Q_EMIT writeFailed(QString::fromUtf8(e.what()));
    }
    model_->prepend(shown);
}

}  // namespace seckill::ui
