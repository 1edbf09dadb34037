#pragma once
// Writes every finished operator action to the audit log and shows it in the log pane.
// A row that cannot be written is still shown, marked so, and reported: losing the file
// must not hide that an action happened.
#include <QObject>

#include "backend/action_result.h"

namespace seckill::ui {

class AuditLog;
class AuditLogModel;

class AuditTrail final : public QObject {
    Q_OBJECT

public:
    // `log` may be null (the file could not be opened): entries then only reach the pane.
    AuditTrail(AuditLog* log, AuditLogModel* model, QObject* parent = nullptr);

    void record(const seckill::ui::ActionResult& entry);

Q_SIGNALS:
    void writeFailed(const QString& reason);

private:
    AuditLog* log_;
    AuditLogModel* model_;
};

}  // namespace seckill::ui
