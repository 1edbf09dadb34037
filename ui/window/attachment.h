#pragma once
// The window's hold on one backend, as the audit trail and the settings see it. "attach"
// is audited when the backend first answers (connected, or failed with the reason) and
// "detach" when it is replaced or the console closes, both with the cluster as target. The
// connection is remembered for the next launch only once it has worked: a URL that never
// answered must not be what the console reopens.
#include <QMetaObject>
#include <QObject>
#include <optional>

#include "backend/console_backend.h"
#include "window/window_settings.h"

class QSettings;

namespace seckill::ui {

class AuditTrail;

class Attachment final : public QObject {
    Q_OBJECT

  public:
    Attachment(AuditTrail& trail, QSettings& settings, QObject* parent = nullptr);

    // Call before backend.open(), so its first answer is seen. `remember`: what to save as
    // the last connection once it connects; nullopt saves nothing.
    void begin(ConsoleBackend& backend, std::optional<ConnectionSettings> remember);
    // The backend is about to go; `why` ends up in the audit row.
    void end(const QString& why);

  private:
    void onConnection(ConsoleBackend::Connection state, const QString& detail);
    void record(bool ok, const QString& what, const QString& message);

    AuditTrail& trail_;
    QSettings& settings_;
    ConsoleBackend* backend_ = nullptr;
    QMetaObject::Connection watch_;
    std::optional<ConnectionSettings> remember_;  // until the first successful connection
    bool answered_ = false;                       // the attach row is written
};

}  // namespace seckill::ui
