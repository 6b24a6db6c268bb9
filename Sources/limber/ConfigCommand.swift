import CoachApp
import ArgumentParser
import ExerciseCatalog

/// `limber config`: the settings file ($XDG_CONFIG_HOME/limber/settings.toml).
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or change settings (voice, sounds, get-ready seconds, auto-advance, default routine, weekly target).",
        discussion: """
            Settings live in $XDG_CONFIG_HOME/limber/settings.toml (~/.config/limber/settings.toml), \
            one `key = value` per line. `limber config` lists every key with its value and default; \
            `set` changes only that key's line (your comments and layout stay), `unset` goes back to \
            the default.
            """,
        subcommands: [Show.self, Get.self, Set.self, Unset.self],
        defaultSubcommand: Show.self
    )

    @OptionGroup var global: GlobalOptions

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every setting with its value and default.")
        @OptionGroup var global: GlobalOptions
        func run() throws { print(try CommandError.wrapping { try ConfigFlow.show() }) }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one setting's value.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The setting, e.g. get_ready_seconds.") var key: String
        func run() throws { print(try CommandError.wrapping { try ConfigFlow.get(key) }) }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change one setting (only its line of the file).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The setting, e.g. voice.") var key: String
        @Argument(help: "Its new value, e.g. true, 20 or five-minute.") var value: String
        func run() throws {
            if key == "default_routine" {
                let catalog = CatalogSupport.load(catalogOption: global.catalog, warn: false)
                guard catalog.routine(value) != nil else {
                    throw CommandError("default_routine: no routine '\(value.prefix(40))' in the catalog; see `limber routines`")
                }
            }
            try CommandError.wrapping { try SettingsFile.location().set(key, to: value) }
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Go back to a setting's default (removes its line).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The setting.") var key: String
        func run() throws { try CommandError.wrapping { try SettingsFile.location().unset(key) } }
    }
}
