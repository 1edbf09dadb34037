#include "backend/node_admin_result.h"

namespace seckill::ui {

QString missing_admin_token() {
    return QStringLiteral(
        "the console has no admin token for the nodes: start it with "
        "--admin-token-file FILE or SECKILL_ADMIN_TOKEN");
}

ActionResult admin_result(const QString& what, const QString& target, const AdminReply& r,
                          const QString& done_message) {
    const QString sentence = QString::fromStdString(r.sentence());
    if (r.status >= 200 && r.status < 300) return ActionResult::done(what, target, done_message);
    if (r.status == 403)  // the node's own sentence says why (a wrong token, --allow-faults)
        return ActionResult::failed(what, target,
                                    QStringLiteral("refused by the node (403): %1").arg(sentence));
    if (r.status == 401)
        return ActionResult::failed(
            what, target, QStringLiteral("the node refused the console's admin token (401)"));
    if (r.status == 0) return ActionResult::failed(what, target, sentence);
    return ActionResult::failed(what, target,
                                QStringLiteral("HTTP %1: %2").arg(r.status).arg(sentence));
}

}  // namespace seckill::ui
