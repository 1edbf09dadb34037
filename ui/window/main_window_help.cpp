// MainWindow's Help menu: the keyboard shortcuts, generated from the actions, and About.
#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>

#include "dialogs/shortcuts_dialog.h"
#include "window/main_window.h"

namespace seckill::ui {

void MainWindow::buildHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("action.shortcuts"));
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Seckill console"), this, &MainWindow::showAbout);
}

void MainWindow::showShortcuts() {
    // Not modal: the operator keeps it open beside the window while learning the keys.
    auto* dialog = new ShortcutsDialog(shortcut_rows(*this), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showAbout() {
    // The version is the project's (main sets it from SECKILL_VERSION); the docs link is
    // the packages' homepage (packaging/desktop/org.seckill.console.metainfo.xml).
    QMessageBox::about(
        this, tr("About Seckill console"),
        tr("<h3>Seckill console %1</h3>"
           "<p>Live dashboard and operator actions for a Seckill flash-sale cluster.</p>"
           "<p>Qt %2 (built with %3)</p>"
           "<p>Documentation: <a "
           "href=\"https://seckill.example.org/docs/\">seckill.example.org/docs</a>, "
           "<code>man seckill-console</code></p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                 QStringLiteral(QT_VERSION_STR)));
}

}  // namespace seckill::ui
