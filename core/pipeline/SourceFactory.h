#pragma once

#include "config/Settings.h"
#include "source/ConnectionCheck.h"
#include "source/PushSource.h"

#include <memory>

// Where settings become a push source: the one place that knows every protocol. A new protocol adds its case here
// (and its own folder with its source and its settings mapping); nothing else above the seam changes.
namespace SourceFactory {

// The push source `settings` describe, configured and not yet started. `secrets` are read from the keychain.
std::unique_ptr<PushSource> create(const SettingsView &settings, const ConnectionSecrets &secrets);
// A connection test of what `settings` describe (the settings dialog's values on screen, not yet saved).
std::unique_ptr<ConnectionCheck> createCheck(const SettingsView &settings, const ConnectionSecrets &secrets);

} // namespace SourceFactory
