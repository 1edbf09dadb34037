#include "window/degrade_question.h"

#include <QCoreApplication>
#include <QStringList>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("DegradeQuestion", text); }

// What happens to one node's level, "n1 goes from 3 to 0 (lowered)".
QString change(const QString& node, int before, int after) {
    if (before == after) return tr("%1 stays at %2").arg(node).arg(after);
    return tr("%1 goes from %2 to %3 (%4)")
        .arg(node)
        .arg(before)
        .arg(after)
        .arg(before > after ? tr("lowered") : tr("raised"));
}

}  // namespace

QString degrade_level_name(int level) {
    return level >= 0 && level < 4 ? QString::fromLatin1(degrade_words(level))
                                   : QStringLiteral("level %1").arg(level);
}

QString degrade_question(const store::ControlState* control, const QString& node, int level) {
    const QString set = tr("Set degrade level %1 (%2) on %3?")
                            .arg(level)
                            .arg(degrade_level_name(level),
                                 node.isEmpty() ? tr("every node") : tr("node %1").arg(node));
    const int global = control ? control->degrade_global : 0;
    if (!node.isEmpty()) {
        // Below every node's level the node's own level changes nothing until that is lowered.
        if (level < global)
            return set + QLatin1Char(' ') +
                   tr("Node %1 stays at %2, the level of every node, until that is lowered.")
                       .arg(node)
                       .arg(global);
        return level >= 2 ? set : QString();
    }
    QStringList changes;
    if (control)
        for (const auto& [id, own] : control->degrade_by_node) {
            (void)own;
            changes << change(QString::fromStdString(id), control->degrade_for(id), level);
        }
    // Levels 2 and 3 turn buyers away: ask. Lower ones only change how reads are served,
    // unless they also wipe levels set on single nodes.
    if (changes.isEmpty()) return level >= 2 ? set : QString();
    return set + QLatin1Char(' ') +
           tr("It clears every level set on a single node, so none stays in force: %1.")
               .arg(changes.join(QStringLiteral(", ")));
}

}  // namespace seckill::ui
