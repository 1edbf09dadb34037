#include "views/scenario_panel.h"

#include <QColor>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "models/verdict_model.h"

namespace seckill::ui {

ScenarioPanel::ScenarioPanel(QWidget* parent) : QWidget(parent) {
    file_ = new QComboBox(this);
    file_->setObjectName(QStringLiteral("scenario.file"));
    file_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    file_->setMinimumContentsLength(16);
    open_ = new QPushButton(tr("Open…"), this);
    open_->setObjectName(QStringLiteral("scenario.open"));
    where_ = new QComboBox(this);
    where_->setObjectName(QStringLiteral("scenario.where"));
    where_->addItem(tr("on the local cluster (embedded nodes)"), int(Where::local));
    where_->addItem(tr("on processes it starts (as seckill-load)"), int(Where::processes));
    run_ = new QPushButton(tr("Run"), this);
    run_->setObjectName(QStringLiteral("scenario.run"));
    stop_ = new QPushButton(tr("Stop"), this);
    stop_->setObjectName(QStringLiteral("scenario.stop"));
    about_ = new QLabel(this);
    about_->setObjectName(QStringLiteral("scenario.about"));
    about_->setWordWrap(true);
    phase_ = new QLabel(tr("idle"), this);
    phase_->setObjectName(QStringLiteral("scenario.phase"));
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("scenario.progress"));
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumHeight(8);
    log_ = new QListWidget(this);
    log_->setObjectName(QStringLiteral("scenario.log"));
    log_->setMaximumHeight(72);
    verdict_ = new VerdictModel(this);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("scenario.verdict"));
    table_->setModel(verdict_);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(22);
    table_->horizontalHeader()->setSectionResizeMode(VerdictModel::check,
                                                     QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(VerdictModel::result,
                                                     QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(false);
    outcome_ = new QLabel(this);
    outcome_->setObjectName(QStringLiteral("scenario.outcome"));
    outcome_->setWordWrap(true);
    outcome_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    export_ = new QPushButton(tr("Export report…"), this);
    export_->setObjectName(QStringLiteral("scenario.export"));
    export_->setToolTip(tr("The runner's JSON report, and a PNG of the window beside it"));
    export_->setEnabled(false);
    runner_ = new ScenarioRunner(this);
    ticker_ = new QTimer(this);
    ticker_->setInterval(200);

    auto* pick = new QHBoxLayout;
    pick->addWidget(file_, 1);
    pick->addWidget(open_);
    auto* go = new QHBoxLayout;
    go->addWidget(where_, 1);
    go->addWidget(run_);
    go->addWidget(stop_);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(outcome_, 1);
    bottom->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(pick);
    layout->addLayout(go);
    layout->addWidget(about_);
    layout->addWidget(phase_);
    layout->addWidget(progress_);
    layout->addWidget(log_);
    layout->addWidget(table_, 1);
    layout->addLayout(bottom);

    ask_path_ = [this](const QString& title, const QString& filter, bool save) {
        return save ? QFileDialog::getSaveFileName(this, title, QString(), filter)
                    : QFileDialog::getOpenFileName(this, title, QString(), filter);
    };
    connect(open_, &QPushButton::clicked, this, &ScenarioPanel::askOpen);
    connect(run_, &QPushButton::clicked, this, [this] {
        if (!currentFile().isEmpty()) Q_EMIT runRequested(currentFile(), where());
    });
    connect(stop_, &QPushButton::clicked, this, &ScenarioPanel::stop);
    connect(export_, &QPushButton::clicked, this, &ScenarioPanel::askExport);
    connect(ticker_, &QTimer::timeout, this, &ScenarioPanel::tick);
    connect(runner_, &ScenarioRunner::phaseChanged, this, &ScenarioPanel::onPhase);
    connect(runner_, &ScenarioRunner::timelineEntry, this, &ScenarioPanel::onEntry);
    connect(runner_, &ScenarioRunner::checkJudged, verdict_, &VerdictModel::judged);
    connect(runner_, &ScenarioRunner::finished, this, &ScenarioPanel::onFinished);
    setRunning(false);
}

void ScenarioPanel::setScenarioFiles(const QStringList& paths, const QString& dir) {
    file_->clear();
    for (const QString& p : paths) file_->addItem(QFileInfo(p).completeBaseName(), p);
    file_->setToolTip(dir.isEmpty() ? tr("no shipped scenarios found: use Open…")
                                    : tr("shipped scenarios from %1").arg(dir));
}

void ScenarioPanel::choose(const QString& given) {
    // One spelling per file, so a shipped scenario opened by another path is not listed twice.
    const QString canonical = QFileInfo(given).canonicalFilePath();
    const QString path = canonical.isEmpty() ? given : canonical;
    int i = file_->findData(path);
    if (i < 0) {
        file_->addItem(QFileInfo(path).fileName(), path);
        i = file_->count() - 1;
    }
    file_->setCurrentIndex(i);
}

QString ScenarioPanel::currentFile() const { return file_->currentData().toString(); }

ScenarioPanel::Where ScenarioPanel::where() const { return Where(where_->currentData().toInt()); }

void ScenarioPanel::start(ScenarioJob job, const QString& about) {
    scenario_ = QString::fromStdString(job.spec.name);
    load_s_ = job.spec.load.duration_s;
    std::vector<QString> ids;
    for (const std::string& id : scenario::check_ids()) ids.push_back(QString::fromStdString(id));
    verdict_->reset(ids);
    // Every entry of the timeline, grey until the runner carries it out (they run in order).
    log_->clear();
    for (const scenario::TimelineEntry& e : job.spec.timeline) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 s  %2 — planned")
                                             .arg(double(e.at_ms) / 1000, 0, 'f', 1)
                                             .arg(describe(e)),
                                         log_);
        item->setData(Qt::UserRole, describe(e));
        item->setForeground(QColor(QStringLiteral("#9e9e9e")));
    }
    next_entry_ = 0;
    about_->setText(about);
    say(QString(), QString());
    if (!runner_->start(std::move(job))) return refuse(tr("a scenario is already running"));
    setRunning(true);
    Q_EMIT runStarted(scenario_, about);
}

QString ScenarioPanel::describe(const scenario::TimelineEntry& e) {
    const QString node =
        e.node.empty() ? QString() : tr(" on %1").arg(QString::fromStdString(e.node));
    if (e.action != scenario::Action::fault) {
        const auto a = scenario::to_string(e.action);
        return QString::fromUtf8(a.data(), qsizetype(a.size())) + node;
    }
    const auto* kind = e.body.if_contains("kind");
    const QString what =
        kind && kind->is_string() ? QString::fromUtf8(kind->as_string().c_str()) : tr("fault");
    return e.fault_ms > 0 ? tr("%1 for %2 s%3").arg(what).arg(double(e.fault_ms) / 1000).arg(node)
                          : what + node;
}

void ScenarioPanel::onEntry(qint64 at_ms, const QString& action, const QString& node, bool ok,
                            const QString& detail) {
    QListWidgetItem* item =
        next_entry_ < log_->count() ? log_->item(next_entry_) : new QListWidgetItem(log_);
    ++next_entry_;
    const QString what = item->data(Qt::UserRole).toString();
    item->setText(QStringLiteral("%1 s  %2 — %3")
                      .arg(double(at_ms) / 1000, 0, 'f', 1)
                      .arg(what.isEmpty() ? action + QLatin1Char(' ') + node : what,
                           ok ? tr("done") : tr("FAILED")));
    item->setToolTip(detail);
    item->setForeground(ok ? palette().color(QPalette::Text) : QColor(QStringLiteral("#c62828")));
    log_->scrollToItem(item);
}

void ScenarioPanel::refuse(const QString& sentence) { say(sentence, QStringLiteral("#c62828")); }

void ScenarioPanel::stop() {
    if (!runner_->running()) return;
    runner_->stop();
    phase_->setText(tr("stopping…"));
}

void ScenarioPanel::onPhase(const QString& phase) {
    static const std::pair<const char*, const char*> words[] = {
        {"starting", "starting the cluster / waiting for its nodes"},
        {"sale", "creating and starting the sale"},
        {"load", "load and timeline"},
        {"recovery", "load over: waiting for recovery, reading the ledger"},
        {"judging", "judging the history"},
        {"done", "done"}};
    QString text = phase;
    for (const auto& [key, word] : words)
        if (phase == QLatin1String(key)) text = tr(word);
    phase_->setText(text);
    if (phase == QLatin1String("load")) load_clock_.start();
    if (phase == QLatin1String("recovery") || phase == QLatin1String("judging"))
        progress_->setValue(1000);
}

void ScenarioPanel::tick() {
    if (!load_clock_.isValid() || load_s_ <= 0) return;
    // The load's own clock is the run's; this bar only shows roughly how far it got.
    const double s = std::min(load_s_, double(load_clock_.elapsed()) / 1000);
    progress_->setValue(int(1000 * s / load_s_));
    if (phase_->text().startsWith(tr("load and timeline")))
        phase_->setText(
            tr("load and timeline: %1 of %2 s").arg(s, 0, 'f', 1).arg(load_s_, 0, 'f', 0));
}

void ScenarioPanel::onFinished(bool pass) {
    setRunning(false);
    load_clock_.invalidate();
    const auto report = runner_->report();
    const int all = verdict_->rowCount(), failed = verdict_->failed();
    QString text = pass ? tr("PASS — %1 of %1 checks passed").arg(all)
                        : tr("FAIL — %1 of %2 checks failed").arg(failed).arg(all);
    if (report && !pass && !report->work_dir.empty())
        text += tr("; logs and data in %1").arg(QString::fromStdString(report->work_dir));
    say(text, pass ? QStringLiteral("#1b7f3b") : QStringLiteral("#c62828"));
    export_->setEnabled(report != nullptr);
    Q_EMIT runFinished(scenario_, pass, text);
}

void ScenarioPanel::setRunning(bool running) {
    run_->setEnabled(!running);
    stop_->setEnabled(running);
    file_->setEnabled(!running);
    open_->setEnabled(!running);
    where_->setEnabled(!running);
    if (running) {
        progress_->setValue(0);
        ticker_->start();
    } else {
        ticker_->stop();
    }
}

void ScenarioPanel::say(const QString& text, const QString& colour) {
    outcome_->setText(text);
    outcome_->setStyleSheet(
        colour.isEmpty() ? QString() : QStringLiteral("color: %1; font-weight: bold;").arg(colour));
}

QString ScenarioPanel::outcome() const { return outcome_->text(); }

void ScenarioPanel::askOpen() {
    const QString path = ask_path_(tr("Open a scenario"), tr("Scenarios (*.json)"), false);
    if (!path.isEmpty()) choose(path);
}

void ScenarioPanel::askExport() {
    const QString path =
        ask_path_(tr("Export the scenario report"), tr("JSON report (*.json)"), true);
    if (path.isEmpty()) return;
    QString err = exportReport(path);
    const QString png = QFileInfo(path).path() + QLatin1Char('/') +
                        QFileInfo(path).completeBaseName() + QStringLiteral(".png");
    if (err.isEmpty() && !exportWindow(png)) err = tr("cannot write %1").arg(png);
    if (!err.isEmpty()) return say(err, QStringLiteral("#c62828"));
    phase_->setText(tr("report written to %1 (and %2)").arg(path, QFileInfo(png).fileName()));
}

QString ScenarioPanel::exportReport(const QString& path) const {
    const auto report = runner_->report();
    if (!report) return tr("no run has finished yet");
    QFile f(path);
    const std::string json = report->to_json();
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write(json.data(), qint64(json.size())) != qint64(json.size()))
        return tr("cannot write %1: %2").arg(path, f.errorString());
    return {};
}

bool ScenarioPanel::exportWindow(const QString& path) const {
    return window()->grab().save(path, "PNG");
}

}  // namespace seckill::ui
