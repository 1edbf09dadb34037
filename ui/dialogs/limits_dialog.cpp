#include "dialogs/limits_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "node/operations/control_operations.h"

namespace seckill::ui {
namespace {

// A template that shows each key of the format: nginx-style per-IP leaky bucket and a
// per-user fixed window. Never shown as the rules in force: it is inserted on request.
const char* const example_rules = R"({
  "rules": [
    {"name": "per-ip", "key": "ip", "algorithm": "leaky", "rate": "50r/s", "burst": 20, "nodelay": true},
    {"name": "per-user", "key": "user", "algorithm": "fixed_window", "limit": 5, "window_ms": 1000}
  ]
})";

QString pretty(const QString& json) {
    const auto doc = QJsonDocument::fromJson(json.toUtf8());
    return doc.isNull() ? json : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

}  // namespace

LimitsDialog::LimitsDialog(const QString& current, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Limiter rules"));
    resize(640, 420);
    auto* layout = new QVBoxLayout(this);
    // What the nodes run now, stated apart from the editor: an empty editor must not read
    // as "no limits" when the nodes apply their own defaults, nor a template as rules in force.
    in_force_ =
        new QLabel(current.isEmpty() ? tr("In force: no rules in force — node defaults.")
                                     : tr("In force: the rules below, as the nodes run them."),
                   this);
    in_force_->setObjectName(QStringLiteral("inForce"));
    auto* hint =
        new QLabel(tr("Rules replace the set in force on every node; counters start afresh. "
                      "An empty list removes every limit."),
                   this);
    hint->setWordWrap(true);
    editor_ = new QPlainTextEdit(this);
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setPlainText(pretty(current));
    editor_->setPlaceholderText(
        tr("No rules in force: the nodes apply their defaults. Write a rule document, or "
           "press \"Insert template\" to start from an example."));
    error_ = new QLabel(this);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    error_->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* example = buttons_->addButton(tr("Insert template"), QDialogButtonBox::ResetRole);
    example->setObjectName(QStringLiteral("insertTemplate"));
    example->setToolTip(
        tr("Replace the text with example rules (a per-IP leaky bucket and a per-user window); "
           "nothing is in force until you press OK"));
    layout->addWidget(in_force_);
    layout->addWidget(hint);
    layout->addWidget(editor_);
    layout->addWidget(error_);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(example, &QPushButton::clicked, this,
            [this] { editor_->setPlainText(QString::fromUtf8(example_rules)); });
    connect(editor_, &QPlainTextEdit::textChanged, this, &LimitsDialog::revalidate);
    revalidate();
}

QString LimitsDialog::rulesJson() const { return editor_->toPlainText(); }

void LimitsDialog::revalidate() {
    // A blank editor is no rule set (OK stays off) but no mistake either: no complaint.
    const bool blank = rulesJson().trimmed().isEmpty();
    const std::string err = blank ? std::string() : node::limits_error(rulesJson().toStdString());
    error_->setText(QString::fromStdString(err));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!blank && err.empty());
}

}  // namespace seckill::ui
