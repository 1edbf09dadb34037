// The window itself on a real local cluster: it fits a 1280×720 screen with nothing cut
// off, the View menu hides a dock and Reset layout brings it back, Help lists the keys
// from the actions; and the wording of what the operator is asked or shown: degrade all
// over per-node levels, the limiter rules when none are in force.
#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QTableWidget>
#include <QtTest>

#include "console_fixture.h"
#include "dialogs/limits_dialog.h"
#include "dialogs/shortcuts_dialog.h"
#include "views/charts_panel.h"
#include "window/degrade_question.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;

class ConsoleWindowTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void fitsA1280x720Screen();
    void viewMenuHidesAndResetLayoutRestores();
    void helpListsShortcutsFromTheActions();
    void degradeAllSaysWhatHappensToNodeLevels();
    void limiterDialogTellsNoRulesFromATemplate();
};

namespace {

std::string rect_text(const QRect& r) {
    return QStringLiteral("%1,%2 %3×%4")
        .arg(r.x())
        .arg(r.y())
        .arg(r.width())
        .arg(r.height())
        .toStdString();
}

QList<QDockWidget*> docks_of(const MainWindow& w) {
    return w.findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly);
}

QAction* action(const MainWindow& w, const char* name) {
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

// Every part of the window in view lies inside it, at no less than its minimum size, and
// what scrolls is laid out whole: nothing is cut off, everything can be reached.
bool fitsInside(MainWindow& w, const QSize& screen) {
    QTest::qWait(50);  // a layout pass after the last change
    const QSize hint = w.minimumSizeHint();
    if (hint.width() > screen.width() || hint.height() > screen.height()) {
        qWarning("minimumSizeHint %d×%d", hint.width(), hint.height());
        return false;
    }
    const QRect inside = w.rect();
    // Qt parks a dock that is behind another's tab outside the window: its tab is what
    // must be in reach, and it is, with the dock shown in front of it.
    QList<QWidget*> parts{w.centralWidget()};
    for (QDockWidget* d : docks_of(w))
        if (d->isVisible() && !d->visibleRegion().isEmpty()) parts << d;
    for (QWidget* part : parts) {
        const QRect g(part->mapTo(&w, QPoint(0, 0)), part->size());
        const QSize need = part->minimumSizeHint();
        if (!inside.contains(g) || part->width() < need.width() || part->height() < need.height()) {
            qWarning("%s at %s needs %d×%d", qPrintable(part->objectName()), rect_text(g).c_str(),
                     need.width(), need.height());
            return false;
        }
    }
    for (QScrollArea* area : w.findChildren<QScrollArea*>()) {
        const QWidget* content = area->widget();
        if (!content || !area->isVisible()) continue;
        if (content->width() < content->minimumSizeHint().width() ||
            content->height() < content->minimumSizeHint().height()) {
            qWarning("%s cut off inside its scroll area", qPrintable(area->objectName()));
            return false;
        }
    }
    return true;
}

}  // namespace

void ConsoleWindowTest::fitsA1280x720Screen() {
    ConsoleFixture f(3);
    MainWindow& w = *f.window;
    SECKILL_WAIT_FOR(
        f.snapshot() && f.snapshot()->nodes_up() == 3, "three local nodes up",
        f.snapshot() ? std::to_string(f.snapshot()->nodes_up()) + " up" : "no snapshot", 10'000);
    // A first launch opens inside the screen's free area, whatever that screen is.
    const QRect free = w.screen()->availableGeometry();
    QVERIFY2(
        w.width() <= free.width() && w.height() <= free.height(),
        qPrintable(QString::fromStdString(rect_text(w.geometry()) + " on " + rect_text(free))));
    // Room for a title bar and a panel on a 1280×720 screen.
    const QSize screen(1280, 680);
    w.resize(screen);
    SECKILL_WAIT_FOR(w.size() == screen, "the window at 1280×680", rect_text(w.geometry()), 2000);
    // As first launched on a small screen, then with QA's Faults dock shown beside the charts.
    QVERIFY(fitsInside(w, screen));
    w.findChild<QDockWidget*>(QStringLiteral("dock.faults"))->show();
    QVERIFY(fitsInside(w, screen));
    // The bottom docks are there, and Sales and Load generator are tabs of one place.
    auto* sales = w.findChild<QDockWidget*>(QStringLiteral("dock.sales"));
    auto* load = w.findChild<QDockWidget*>(QStringLiteral("dock.load"));
    QVERIFY(sales->isVisible());
    QVERIFY(w.tabifiedDockWidgets(sales).contains(load));
    QCOMPARE(w.dockWidgetArea(sales), Qt::BottomDockWidgetArea);
}

void ConsoleWindowTest::viewMenuHidesAndResetLayoutRestores() {
    ConsoleFixture f(1);
    MainWindow& w = *f.window;
    auto* nodes = w.findChild<QDockWidget*>(QStringLiteral("dock.nodes"));
    QVERIFY(nodes->isVisible());
    const Qt::DockWidgetArea home = w.dockWidgetArea(nodes);
    // View ▸ Nodes is the dock's own toggle.
    QAction* toggle = nodes->toggleViewAction();
    QVERIFY(toggle->isChecked());
    toggle->trigger();
    SECKILL_WAIT_FOR(!nodes->isVisible(), "the Nodes dock hidden by View ▸ Nodes", "still visible",
                     2000);
    // Moved elsewhere and floated too: Reset layout undoes both.
    w.addDockWidget(Qt::LeftDockWidgetArea,
                    w.findChild<QDockWidget*>(QStringLiteral("dock.audit")));
    action(w, "action.resetLayout")->trigger();
    SECKILL_WAIT_FOR(nodes->isVisible(), "the Nodes dock back after Reset layout", "hidden", 2000);
    QCOMPARE(w.dockWidgetArea(nodes), home);
    QCOMPARE(w.dockWidgetArea(w.findChild<QDockWidget*>(QStringLiteral("dock.audit"))),
             Qt::BottomDockWidgetArea);
    QVERIFY(toggle->isChecked());
    // The toolbar has its switch in the View menu too.
    bool toolbar_switch = false;
    for (QAction* top : w.menuBar()->actions())
        if (top->menu() && top->menu()->title() == QStringLiteral("&View"))
            for (QAction* a : top->menu()->actions())
                toolbar_switch = toolbar_switch || a->text() == QStringLiteral("&Toolbar");
    QVERIFY(toolbar_switch);
}

void ConsoleWindowTest::helpListsShortcutsFromTheActions() {
    ConsoleFixture f(1);
    MainWindow& w = *f.window;
    action(w, "action.shortcuts")->trigger();
    ShortcutsDialog* dialog = nullptr;
    SECKILL_WAIT_FOR((dialog = w.findChild<ShortcutsDialog*>()) && dialog->isVisible(),
                     "the shortcuts dialog", "none shown", 2000);
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutTable"));
    QVERIFY(table);
    QString demo_row, keys_seen;
    for (int r = 0; r < table->rowCount(); ++r) {
        keys_seen += table->item(r, 0)->text() + QLatin1Char(' ');
        if (table->item(r, 0)->text() == QStringLiteral("Ctrl+D"))
            demo_row =
                table->item(r, 1)->text() + QStringLiteral(" in ") + table->item(r, 2)->text();
    }
    QVERIFY2(demo_row == QStringLiteral("Run demo sale in Cluster"),
             qPrintable(keys_seen + QStringLiteral("→ ") + demo_row));
    // Every action with a shortcut is listed once, including the docks' switches.
    int with_keys = 0;
    QSet<QAction*> distinct;
    for (QAction* a : w.findChildren<QAction*>())
        if (!a->shortcuts().isEmpty()) distinct.insert(a);
    with_keys = int(distinct.size());
    QCOMPARE(table->rowCount(), with_keys);
    QVERIFY(keys_seen.contains(QStringLiteral("Ctrl+Shift+F")));
}

void ConsoleWindowTest::degradeAllSaysWhatHappensToNodeLevels() {
    store::ControlState control;
    QVERIFY(degrade_question(&control, {}, 1).isEmpty());   // reads only, no node level lost
    QVERIFY(!degrade_question(&control, {}, 2).isEmpty());  // turns buyers away
    control.degrade_by_node = {{"n1", 3}, {"n3", 1}};
    const QString to2 = degrade_question(&control, {}, 2);
    QVERIFY2(to2.contains(QStringLiteral("n1 goes from 3 to 2 (lowered)")) &&
                 to2.contains(QStringLiteral("n3 goes from 1 to 2 (raised)")) &&
                 to2.contains(QStringLiteral("none stays in force")),
             qPrintable(to2));
    // Lowering every node to 0 also ends n1's pause: asked even though level 0 turns no one away.
    const QString to0 = degrade_question(&control, {}, 0);
    QVERIFY2(to0.contains(QStringLiteral("n1 goes from 3 to 0 (lowered)")), qPrintable(to0));
    // Below the level of every node, a node's own level changes nothing yet: said so.
    control.degrade_global = 2;
    const QString node1 = degrade_question(&control, QStringLiteral("n2"), 1);
    QVERIFY2(node1.contains(QStringLiteral("Node n2 stays at 2")), qPrintable(node1));
    QVERIFY(degrade_question(&control, QStringLiteral("n2"), 2)
                .startsWith(QStringLiteral("Set degrade level 2")));
}

void ConsoleWindowTest::limiterDialogTellsNoRulesFromATemplate() {
    LimitsDialog none{QString()};
    auto* editor = none.findChild<QPlainTextEdit*>();
    auto* ok = none.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY2(none.findChild<QLabel*>(QStringLiteral("inForce"))
                 ->text()
                 .contains(QStringLiteral("no rules in force — node defaults")),
             qPrintable(none.findChild<QLabel*>(QStringLiteral("inForce"))->text()));
    QVERIFY(editor->toPlainText().isEmpty());  // the example is not shown as the value
    QVERIFY(!editor->placeholderText().isEmpty());
    QVERIFY(!ok->isEnabled());
    none.findChild<QPushButton*>(QStringLiteral("insertTemplate"))->click();
    QVERIFY(editor->toPlainText().contains(QStringLiteral("\"rules\"")));
    QVERIFY(ok->isEnabled());

    const QString in_force = QStringLiteral(
        R"({"rules":[{"name":"u","key":"user","algorithm":"fixed_window","limit":3,"window_ms":1000}]})");
    LimitsDialog some(in_force);
    QVERIFY(
        some.findChild<QPlainTextEdit*>()->toPlainText().contains(QStringLiteral("\"limit\": 3")));
    QVERIFY(some.findChild<QLabel*>(QStringLiteral("inForce"))
                ->text()
                .contains(QStringLiteral("rules below")));
}

QTEST_MAIN(ConsoleWindowTest)
#include "test_console_window.moc"
