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
    // Grey while the number is old (no snapshot for a while), so it is never read as live.
    void setStale(bool stale);
    bool isStale() const { return stale_; }
    QString value() const;
    QString detail() const;

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void fitValue();

    QLabel* value_;
    QLabel* detail_;
    bool alert_ = false;
    bool stale_ = false;
    double big_point_size_ = 0;
    void restyle();
};

}  // namespace seckill::ui
