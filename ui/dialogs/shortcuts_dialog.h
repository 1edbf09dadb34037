#pragma once
// Help ▸ Keyboard shortcuts: every action of the window that has a shortcut, read from the
// QActions themselves, so the list cannot drift from what the keys really do.
#include <QDialog>
#include <vector>

class QMainWindow;

namespace seckill::ui {

struct ShortcutRow {
    QString menu;    // "Cluster", "Cluster ▸ Faults on selected node"; "Other" when in no menu
    QString action;  // its text without mnemonics
    QString keys;    // "Ctrl+D" (several joined by ", ")
};

// In menu-bar order, each action once (the first menu that holds it), then any action with
// a shortcut that no menu holds.
std::vector<ShortcutRow> shortcut_rows(const QMainWindow& window);

class ShortcutsDialog final : public QDialog {
    Q_OBJECT

  public:
    ShortcutsDialog(const std::vector<ShortcutRow>& rows, QWidget* parent = nullptr);
};

}  // namespace seckill::ui
