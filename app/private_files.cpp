#include "private_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace seckill::app {
namespace fs = std::filesystem;

namespace {

// Tightens `p` to `mode` when group or others have any access; true if it changed. Leaves
// alone what this user does not own or a shared sticky directory (--data-dir /tmp must not
// make /tmp private to the node).
bool tighten(const fs::path& p, fs::perms mode) {
    std::error_code ec;
    const auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return false;
    struct stat raw {};
    if (::stat(p.c_str(), &raw) != 0 || raw.st_uid != ::geteuid() || (raw.st_mode & S_ISVTX))
        return false;
    const auto open_bits = fs::perms::group_all | fs::perms::others_all;
    if ((st.permissions() & open_bits) == fs::perms::none) return false;
    fs::permissions(p, mode, fs::perm_options::replace);  // throws with the reason if it cannot
    return true;
}

}  // namespace

std::vector<std::string> make_data_dirs_private(const std::string& data_dir,
                                                const std::string& db_file) {
    ::umask(077);
    std::vector<std::string> tightened;
    fs::create_directories(data_dir);
    if (tighten(data_dir, fs::perms::owner_all)) tightened.push_back(data_dir);
    // The DB's own directory may be shared (several order writers, an operator's folder):
    // it is made 0700 when the node creates it, and otherwise left as the operator set it.
    if (auto parent = fs::path(db_file).parent_path(); !parent.empty())
        fs::create_directories(parent);
    return tightened;
}

std::vector<std::string> make_files_private(const std::vector<std::string>& files) {
    std::vector<std::string> tightened;
    for (const auto& f : files)
        if (tighten(f, fs::perms::owner_read | fs::perms::owner_write)) tightened.push_back(f);
    return tightened;
}

}  // namespace seckill::app
