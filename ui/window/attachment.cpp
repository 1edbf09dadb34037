#include "window/attachment.h"

#include "audit/audit_trail.h"

namespace seckill::ui {

Attachment::Attachment(AuditTrail& trail, QSettings& settings, QObject* parent)
    : QObject(parent), trail_(trail), settings_(settings) {}

void Attachment::begin(ConsoleBackend& backend, std::optional<ConnectionSettings> remember) {
    backend_ = &backend;
    remember_ = std::move(remember);
    answered_ = false;
    watch_ = connect(backend_, &ConsoleBackend::connectionChanged, this, &Attachment::onConnection);
}

void Attachment::end(const QString& why) {
    if (!backend_) return;
    disconnect(watch_);
    // Never answered: the attach row says it did not get that far, and there is nothing
    // to detach from.
    if (!answered_)
        record(false, QStringLiteral("attach"), tr("no answer before it was closed: %1").arg(why));
    else
        record(true, QStringLiteral("detach"), why);
    backend_ = nullptr;
    remember_.reset();
}

void Attachment::onConnection(ConsoleBackend::Connection state, const QString& detail) {
    const bool connected = state == ConsoleBackend::Connection::connected;
    if (!answered_ && (connected || state == ConsoleBackend::Connection::failed)) {
        answered_ = true;
        record(connected, QStringLiteral("attach"), detail);
    }
    // Later recoveries and failures are the connection's life, shown in the status bar:
    // no operator did anything.
    if (connected && remember_) {
        remember_connection(settings_, *remember_);
        remember_.reset();
    }
}

void Attachment::record(bool ok, const QString& what, const QString& message) {
    const QString cluster = backend_->description();
    trail_.record(ok ? ActionResult::done(what, cluster, message)
                     : ActionResult::failed(what, cluster, message));
}

}  // namespace seckill::ui
