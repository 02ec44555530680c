# Sourced by the scripts: makes Homebrew's keg-only curl and ncurses visible to pkg-config.
if [ "$(uname -s)" = Darwin ] && command -v brew >/dev/null 2>&1; then
  for keg in curl ncurses; do
    prefix=$(brew --prefix "$keg" 2>/dev/null || true)
    [ -n "$prefix" ] && export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  done
fi
