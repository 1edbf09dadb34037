#pragma once
// One dashboard number with its caption: large enough to read across a room.
#include <QFrame>

class QLabel;

namespace seckill::ui {

class Tile final : public QFrame {
    Q_OBJECT

public:
    Tile(const QString& caption, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& detail = QString());
    // Red when the number is bad news (degraded, nodes down), so it stands out.
    void setAlert(bool alert);
    QString value() const;

private:
    QLabel* value_;
    QLabel* detail_;
    bool alert_ = false;
};

}  // namespace seckill::ui
