#include "audit/audit_trail.h"

#include <pwd.h>
#include <unistd.h>

#include <exception>

#include "audit/audit_log.h"
#include "models/audit_log_model.h"

namespace seckill::ui {

QString operating_user() {
    for (const char* name : {"USER", "LOGNAME"})
        if (QString v = qEnvironmentVariable(name); !v.isEmpty()) return v;
    const passwd* pw = ::getpwuid(::geteuid());
    return pw && pw->pw_name ? QString::fromLocal8Bit(pw->pw_name)
                             : QStringLiteral("uid %1").arg(::geteuid());
}

AuditTrail::AuditTrail(AuditLog* log, AuditLogModel* model, std::function<QString()> cluster,
                       QObject* parent)
    : QObject(parent),
      log_(log),
      model_(model),
      cluster_(std::move(cluster)),
      operator_(operating_user()) {
    if (!log_) return;
    try {
        model_->load(log_->recent(AuditLogModel::max_rows));
    } catch (const std::exception& e) {
        Q_EMIT writeFailed(QString::fromUtf8(e.what()));
    }
}

void AuditTrail::record(const ActionResult& result) {
    AuditEntry entry(result, cluster_ ? cluster_() : QString(), operator_);
    AuditEntry shown = entry;
    try {
        if (!log_) throw std::runtime_error("the audit log file is not open");
        log_->append(entry);
    } catch (const std::exception& e) {
        shown.message +=
            QStringLiteral(" [not in the audit file: %1]").arg(QString::fromUtf8(e.what()));
        Q_EMIT writeFailed(QString::fromUtf8(e.what()));
    }
    model_->prepend(shown);
}

}  // namespace seckill::ui
