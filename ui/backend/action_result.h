#pragma once
// How an operator action ended: what the audit log stores and the log pane shows.
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace seckill::ui {

struct ActionResult {
    QDateTime when;  // when the action finished, UTC
    QString what;    // "create sale", "degrade", "drain node", …
    QString target;  // sale or node id, "all nodes", …
    bool ok = false;
    QString message;  // what happened, or why not
    // A node's automatic decision (breaker, degrade rule, fault) shown in the log pane
    // among the operator's actions; `ok` false marks the alarming ones. Not audited: the
    // nodes' event log holds them.
    bool automatic = false;
    // The reply was lost (a timeout, a dropped connection): the change may or may not have
    // landed, so `ok` means nothing yet. The backend reads the state back and reports the
    // real outcome as a second result, marked `rechecked`.
    bool unknown = false;
    bool rechecked = false;

    static ActionResult done(QString what, QString target, QString message) {
        return {QDateTime::currentDateTimeUtc(), std::move(what), std::move(target), true,
                std::move(message)};
    }
    static ActionResult failed(QString what, QString target, QString message) {
        return {QDateTime::currentDateTimeUtc(), std::move(what), std::move(target), false,
                std::move(message)};
    }
    static ActionResult event(QDateTime when, QString what, QString target, bool alarm,
                              QString message) {
        return {std::move(when), std::move(what),    std::move(target),
                !alarm,          std::move(message), true};
    }
    static ActionResult lost(QString what, QString target, QString why) {
        ActionResult r = failed(std::move(what), std::move(target),
                                QStringLiteral("unknown — re-checking (no reply: %1)").arg(why));
        r.unknown = true;
        return r;
    }
};

}  // namespace seckill::ui

Q_DECLARE_METATYPE(seckill::ui::ActionResult)
