#pragma once
// Writes every finished operator action to the audit log and shows it in the log pane,
// stamped with the cluster it ran on and the operator who ran it. A row that cannot be
// written is still shown, marked so, and reported: losing the file must not hide that an
// action happened.
#include <QObject>
#include <functional>

#include "audit/audit_entry.h"

namespace seckill::ui {

class AuditLog;
class AuditLogModel;

// The OS user running the console: $USER, else $LOGNAME, else the password database's
// name for the process's uid (a service or cron job may have neither variable).
QString operating_user();

class AuditTrail final : public QObject {
    Q_OBJECT

  public:
    // `log` may be null (the file could not be opened): entries then only reach the pane.
    // `cluster` names the cluster the console is on (ConsoleBackend::description()) as each
    // row is recorded. Rows are signed by operating_user(), read once: it does not change.
    AuditTrail(AuditLog* log, AuditLogModel* model, std::function<QString()> cluster,
               QObject* parent = nullptr);

    void record(const seckill::ui::ActionResult& result);

  Q_SIGNALS:
    void writeFailed(const QString& reason);

  private:
    AuditLog* log_;
    AuditLogModel* model_;
    std::function<QString()> cluster_;
    QString operator_;
};

}  // namespace seckill::ui
