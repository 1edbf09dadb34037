#include "dialogs/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace seckill::ui {
namespace {

// "&Run demo sale" → "Run demo sale"; "&&" stays a literal "&".
QString without_mnemonic(const QString& text) {
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('&') && i + 1 < text.size()) ++i;
        out += text[i];
    }
    return out;
}

QString keys_of(const QAction& action) {
    QStringList keys;
    for (const QKeySequence& k : action.shortcuts()) keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

void walk(const QMenu& menu, const QString& path, QSet<const QAction*>& seen,
          std::vector<ShortcutRow>& rows) {
    for (const QAction* a : menu.actions()) {
        if (const QMenu* sub = a->menu()) {
            walk(*sub, path + QStringLiteral(" ▸ ") + without_mnemonic(sub->title()), seen, rows);
            continue;
        }
        if (a->isSeparator() || a->shortcuts().isEmpty() || seen.contains(a)) continue;
        seen.insert(a);
        rows.push_back({path, without_mnemonic(a->text()), keys_of(*a)});
    }
}

}  // namespace

std::vector<ShortcutRow> shortcut_rows(const QMainWindow& window) {
    std::vector<ShortcutRow> rows;
    QSet<const QAction*> seen;
    for (const QAction* top : window.menuBar()->actions())
        if (const QMenu* menu = top->menu())
            walk(*menu, without_mnemonic(menu->title()), seen, rows);
    for (const QAction* a : window.findChildren<QAction*>())
        if (!a->shortcuts().isEmpty() && !seen.contains(a)) {
            seen.insert(a);
            rows.push_back({QObject::tr("Other"), without_mnemonic(a->text()), keys_of(*a)});
        }
    return rows;
}

ShortcutsDialog::ShortcutsDialog(const std::vector<ShortcutRow>& rows, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("shortcuts"));
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* table = new QTableWidget(int(rows.size()), 3, this);
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action"), tr("Menu")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int r = 0; r < int(rows.size()); ++r) {
        const ShortcutRow& row = rows[std::size_t(r)];
        table->setItem(r, 0, new QTableWidgetItem(row.keys));
        table->setItem(r, 1, new QTableWidgetItem(row.action));
        table->setItem(r, 2, new QTableWidgetItem(row.menu));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(560, 480);
}

}  // namespace seckill::ui
