import CoachUI
import ExerciseCatalog
import Foundation
import MonotonicTime
import SessionEngine
import Testing
import TestSupport
import TUIKit
@testable import CoachApp

@Suite("settings file")
struct SettingsFileTests {
    func file(_ text: String?) throws -> (SettingsFile, TempFolder) {
        let folder = TempFolder()
        let file = SettingsFile(url: folder.url.appendingPathComponent("limber/settings.toml"))
        if let text {
            try FileManager.default.createDirectory(at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file.url, atomically: true, encoding: .utf8)
        }
        return (file, folder)
    }

    @Test("no file: every default; the engine gets 5 s, 15 s and a 10 s intro")
    func defaults() throws {
        let (file, _folder) = try file(nil)
        _ = _folder
        let settings = try file.load()
        #expect(settings == Settings())
        #expect(settings.sessionOptions == SessionOptions.standard)
        #expect(settings.weeklyTarget == 3 && settings.voice == false && settings.sounds == .auto)
    }

    @Test("values, comments, blank lines and quoted strings are read")
    func reads() throws {
        let (file, _folder) = try file("""
            # mine
            voice = true   # yes please

            sounds = "bell"
            get_ready_seconds = 8
            auto_advance = false
            default_routine = "core-foundations"
            weekly_target = 5
            """)
        _ = _folder
        let settings = try file.load()
        #expect(settings.voice && settings.sounds == .bell && settings.getReadySeconds == 8)
        #expect(settings.sessionOptions.introAutoAdvance == nil)
        #expect(settings.defaultRoutine == "core-foundations" && settings.weeklyTarget == 5)
    }

    @Test("unknown keys, bad values and other TOML are one-line errors naming the file, the line and the key",
          arguments: [
            ("voise = true", ":1: unknown key 'voise'; known keys: voice, sounds,"),
            ("get_ready_seconds = 0", ":1: get_ready_seconds = 0 is not valid; give a whole number from 1 to 60"),
            ("voice = \"yes\"", ":1: voice = \"yes\" is not valid; give true or false"),
            ("sounds = loud", ":1: sounds = loud is not a value; write true/false, a number, or text in double quotes"),
            ("[session]", ":1: tables are not used"),
            ("sounds = \"bell", ":1: sounds: the string has no closing quote"),
            ("\nweekly_target = 3 4", ":2: weekly_target: unexpected '4' after the value"),
          ])
    func errors(text: String, expected: String) throws {
        let (file, _folder) = try file(text)
        _ = _folder
        #expect(throws: SettingsError.self) { try file.load() }
        do { _ = try file.load() } catch let error as SettingsError {
            #expect(error.description.hasPrefix(file.url.path + expected.prefix(while: { $0 != " " })), "\(error)")
            #expect(error.description.contains(expected.drop(while: { $0 != " " }).dropFirst()), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("set rewrites only its key's line (keeping its comment) or appends one; unset removes it; 0600, folder 0700")
    func setAndUnset() throws {
        let original = "# top\n\nsounds = \"bell\"   # kept\n  voice = false\n# end\n"
        let (file, _folder) = try file(original)
        _ = _folder
        try file.set("sounds", to: "off")
        try file.set("voice", to: "on")
        try file.set("weekly_target", to: "4")
        var text = try String(contentsOf: file.url, encoding: .utf8)
        #expect(text == "# top\n\nsounds = \"off\"  # kept\n  voice = true\n# end\nweekly_target = 4\n")
        #expect(try file.load().weeklyTarget == 4)
        try file.unset("voice")
        text = try String(contentsOf: file.url, encoding: .utf8)
        #expect(text == "# top\n\nsounds = \"off\"  # kept\n# end\nweekly_target = 4\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: SettingsError.self) { try file.set("weekly_target", to: "8") }
        #expect(throws: SettingsError.self) { try file.set("colour", to: "red") }
        #expect(try String(contentsOf: file.url, encoding: .utf8) == text, "a refused value changes nothing")
    }

    @Test("a new file is created in a 0700 folder")
    func creates() throws {
        let (file, _folder) = try file(nil)
        _ = _folder
        try file.set("first_get_ready_seconds", to: "30")
        #expect(try String(contentsOf: file.url, encoding: .utf8) == "first_get_ready_seconds = 30\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.url.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(try file.load().sessionOptions.firstGetReady == .seconds(30))
    }

    @Test("the location follows XDG_CONFIG_HOME, ignoring a relative one")
    func location() {
        #expect(SettingsFile.location(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]).url.path == "/x/limber/settings.toml")
        #expect(SettingsFile.location(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]).url.path == "/h/.config/limber/settings.toml")
    }
}

@Suite("cues: words and sounds")
struct CueTests {
    static let knee = Exercise(id: "knee-to-chest", name: "Knee to chest", kind: .stretch, area: ["back"], sides: .each,
                               dose: Dose(sets: 3, work: .seconds(30), rest: 15), steps: ["Lie down."])

    @Test("what is said for each cue")
    func narration() {
        #expect(Narration.line(for: .introduce(exercise: Self.knee, dose: Self.knee.dose)) == "Knee to chest. 3 sets of 30 seconds, each side.")
        #expect(Narration.line(for: .getReady(side: .left)) == "Get ready. Left side.")
        #expect(Narration.line(for: .getReady(side: .both)) == "Get ready.")
        #expect(Narration.line(for: .switchSides(to: .right)) == "Switch sides. Right side.")
        #expect(Narration.line(for: .countIn(3)) == "3")
        #expect(Narration.line(for: .holdStart) == "Hold.")
        #expect(Narration.line(for: .timerStart(label: "Calf stretch", seconds: 45)) == "Calf stretch. 45 seconds.", "limber timer says its label")
        #expect(Narration.line(for: .timerStart(label: nil, seconds: 1)) == "1 second.")
        #expect(Narration.line(for: .tempo(.up, rep: 4)) == "Up, 4.")
        #expect(Narration.line(for: .tempo(.down, rep: 4)) == "Down.")
        #expect(Narration.line(for: .repsStart(target: 10, guided: false)) == "Go. 10 reps, at your own pace.")
        #expect(Narration.line(for: .repsStart(target: 10, guided: true)) == nil, "the tempo cue right after it speaks")
        #expect(Narration.line(for: .ratePain) == "Rate your pain.")
        #expect(Narration.line(for: .rest(seconds: 30)) == "Rest.")
        #expect(Narration.line(for: .setDone) == nil)
    }

    @Test("four distinct sounds: tones differ, bell patterns differ")
    func sounds() {
        let wavs = CueSound.allCases.map(Tones.wav)
        #expect(Set(wavs).count == 4)
        #expect(wavs.allSatisfy { Array($0.prefix(4)) == Array("RIFF".utf8) && $0.count < 32_000 }, "small enough for a pipe's buffer")
        #expect(CueSound.allCases.map(\.bells) == [1, 1, 2, 3])
        #expect(CueSound(.holdStart) == .start && CueSound(.restEnd) == .restOver && CueSound(.ratePain) == nil)
    }

    @Test("--quiet silences everything; without a tone player the sounds are bells; a voice of its own")
    func making() {
        let quiet = CoachCues.make(settings: Settings(), quiet: true, voice: true, environment: [:])
        #expect(quiet.player == nil && quiet.notice == nil)
        let bells = CoachCues.make(settings: Settings(), quiet: false, voice: nil, environment: ["PATH": "/nonexistent"])
        #expect(bells.player?.play([.setDone]) == [.bell, .bell])
        let noVoice = CoachCues.make(settings: Settings(), quiet: false, voice: true, environment: ["PATH": "/nonexistent"])
        #expect(noVoice.notice?.contains("sudo apt-get install espeak-ng") == true)
        var off = Settings()
        off.sounds = .off
        #expect(CoachCues.make(settings: off, quiet: false, voice: false, environment: [:]).player == nil)
    }

    @Test("speech never waits: a slow speech program returns at once, and a new line cuts off the last")
    func speechIsAChildProcess() throws {
        let folder = TempFolder()
        let log = folder.url.appendingPathComponent("said").path
        let script = folder.url.appendingPathComponent("slow-speak").path
        try "#!/bin/sh\necho \"$*\" >> '\(log)'\nexec sleep 30\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        var settings = Settings()
        settings.sounds = .off
        let cues = try #require(CoachCues.make(settings: settings, quiet: false, voice: true,
                                               environment: ["LIMBER_SPEECH_COMMAND": script, "PATH": "/usr/bin:/bin"]).player)
        let clock = SystemMonotonicClock()
        let before = clock.now()
        _ = cues.play([.holdStart])
        _ = cues.play([.setDone, .ratePain])
        let took = before.duration(to: clock.now())
        print("two spoken cues with a 30 s speech program took \(took) to hand over")
        #expect(took < .seconds(5), "loosely: nothing waited for the 30 s program")
        cues.finish()
        let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // What the children managed to say before `finish` stopped them depends on the machine's
        // load; whatever was said came in the order it was asked for.
        if let hold = said.range(of: "Hold."), let rate = said.range(of: "Rate your pain.") {
            #expect(hold.lowerBound < rate.lowerBound, "\(said)")
        }
    }
}

@Suite("timer program")
struct TimerProgramTests {
    @Test("counts down through the hold view, pauses with space or p, cues the last seconds and ends at zero")
    func countsDown() {
        final class Recorder: CuePlayer {
            var cues: [Cue] = []
            func play(_ cues: [Cue]) -> [ProgramCommand] { self.cues += cues; return [] }
        }
        let recorder = Recorder()
        var timer = TimerProgram(seconds: 10, label: "stretch", cuePlayer: recorder, startingAt: .seconds(0))
        #expect(recorder.cues == [.timerStart(label: "stretch", seconds: 10)])
        var screen = timer.render(size: Size(width: 80, height: 24), now: .seconds(0)).lines
        #expect(screen[0] == "limber · timer")
        #expect(screen[23] == "space/p pause · q stop")
        #expect(screen.contains { $0.contains("stretch") })
        _ = timer.handle(.key(.space, now: .seconds(2)))
        _ = timer.handle(.tick(now: .seconds(100)))
        #expect(!timer.isFinished && timer.countdown.remaining(at: .seconds(100)) == .seconds(8))
        screen = timer.render(size: Size(width: 40, height: 12), now: .seconds(100)).lines
        #expect(screen[0].hasSuffix("paused"))
        _ = timer.handle(.key(.character("p"), now: .seconds(100)))
        for second in stride(from: 101.0, through: 107.5, by: 0.5) { _ = timer.handle(.tick(now: .seconds(second))) }
        #expect(recorder.cues == [.timerStart(label: "stretch", seconds: 10), .lastSeconds(3), .lastSeconds(2), .lastSeconds(1)])
        _ = timer.handle(.tick(now: .seconds(108)))
        #expect(timer.reachedZero && timer.isFinished)
        #expect(recorder.cues.last == .setDone)
        var stopped = TimerProgram(seconds: 60, label: nil, cuePlayer: nil, startingAt: .seconds(0))
        _ = stopped.handle(.key(.character("q"), now: .seconds(1)))
        #expect(stopped.isFinished && !stopped.reachedZero)
    }
}
