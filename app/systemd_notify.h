#pragma once
// sd_notify(3) for `Type=notify` units: READY=1 when the node serves and reaches its
// ledger, STOPPING=1 when it drains, STATUS= lines for `systemctl status`. Outside
// systemd (no $NOTIFY_SOCKET) every call does nothing.
#include <string>

namespace seckill::app {

void notify_ready(const std::string& status);
void notify_status(const std::string& status);
void notify_stopping(const std::string& status);

}  // namespace seckill::app
