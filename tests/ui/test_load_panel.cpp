// The load panel's buyer-token secret, driven through its widgets: a file the node would
// refuse is refused here with the same sentence and no run starts; a usable one puts the
// secret into the options the generator runs with (it then signs one token per virtual
// user, as seckill-load --jwt-secret-file does — tested in tests/load).
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "views/load_panel.h"

using seckill::ui::LoadPanel;

class LoadPanelTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString write(const char* name, const QByteArray& bytes) {
        const QString path = dir_.filePath(QLatin1String(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(bytes);
        return path;
    }

  private Q_SLOTS:
    void aSecretFileReachesTheRunOrSaysWhyNot() {
        LoadPanel panel;
        auto* secret = panel.findChild<QLineEdit*>(QStringLiteral("jwtSecretFile"));
        QVERIFY(secret);
        // Empty: open mode, no secret.
        QVERIFY(std::get<seckill::load::LoadOptions>(panel.optionsToRun()).jwt_secret.empty());

        secret->setText(write("short", "too-short\n"));
        auto refused = panel.optionsToRun();
        QVERIFY(std::holds_alternative<QString>(refused));
        QVERIFY2(std::get<QString>(refused).contains(QStringLiteral("32")),
                 qPrintable(std::get<QString>(refused)));
        // Clicking Run shows the sentence and starts nothing.
        QPushButton* start = nullptr;
        for (auto* b : panel.findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Run load")) start = b;
        QVERIFY(start);
        start->click();
        QVERIFY(!panel.running());
        bool shown = false;
        for (auto* l : panel.findChildren<QLabel*>())
            shown = shown || l->text() == std::get<QString>(refused);
        QVERIFY2(shown, "the refusal is not shown in the panel");

        secret->setText(dir_.filePath(QStringLiteral("missing")));
        QVERIFY(std::holds_alternative<QString>(panel.optionsToRun()));

        const QByteArray good = "0123456789abcdef0123456789abcdef-load";
        secret->setText(write("good", good + "\n"));
        auto ok = panel.optionsToRun();
        QVERIFY(std::holds_alternative<seckill::load::LoadOptions>(ok));
        QCOMPARE(QByteArray::fromStdString(std::get<seckill::load::LoadOptions>(ok).jwt_secret),
                 good);
    }
};

QTEST_MAIN(LoadPanelTest)
#include "test_load_panel.moc"
