import CoachUI
import ExerciseCatalog
import Foundation
import SessionEngine
import TUIKit

/// The words limber says for each cue: short, so a new cue rarely has to cut one off.
public enum Narration {
    /// The spoken line for `cue`, or nil when it has none (its sound says enough).
    public static func line(for cue: Cue) -> String? {
        switch cue {
        case .introduce(let exercise, let dose):
            return "\(exercise.name). \(spoken(dose))" + (exercise.sides == .each ? ", each side." : ".")
        case .getReady(let side):
            return side == .both ? "Get ready." : "Get ready. \(side.rawValue.capitalized) side."
        case .switchSides(let side): return "Switch sides. \(side.rawValue.capitalized) side."
        case .countIn(let n), .lastSeconds(let n): return "\(n)"
        case .holdStart: return "Hold."
        case .timerStart(let label, let seconds):
            let length = seconds == 1 ? "1 second." : "\(seconds) seconds."
            return label.map { "\($0). \(length)" } ?? length
        case .repsStart(let target, let guided): return guided ? nil : "Go. \(target) reps, at your own pace."
        case .tempo(let phase, let rep):
            switch phase {
            case .up: return "Up, \(rep)."
            case .hold: return "Hold."
            case .down: return "Down."
            }
        case .setDone, .restEnd: return nil
        case .ratePain: return "Rate your pain."
        case .rest: return "Rest."
        case .sessionOver(let status): return status == .completed ? "Session complete. Well done." : "Session ended."
        }
    }

    /// "2 sets of 30 seconds", "1 set of 10 reps".
    static func spoken(_ dose: Dose) -> String {
        let sets = dose.sets == 1 ? "1 set" : "\(dose.sets) sets"
        switch dose.work {
        case .seconds(let seconds): return "\(sets) of \(seconds) seconds"
        case .reps(let reps): return "\(sets) of \(reps) reps"
        }
    }
}

/// Starts a program as a child process without waiting for it: posix_spawn in its own process
/// group (so cutting it off ends a script and everything it started), stdin/stdout/stderr on
/// /dev/null (or stdin from a pipe). Finished children are reaped on every call, never waited for.
final class ChildProcesses {
    private var running: [pid_t] = []

    /// Starts `arguments` (the first is looked up in PATH); `input` is written to its stdin
    /// through a pipe when given (small data only: it must fit the pipe's buffer). Nil when it
    /// could not start.
    func spawn(_ arguments: [String], input: [UInt8]? = nil) -> pid_t? {
        reap()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeEnds) == 0 else { return nil }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        if input != nil { close(pipeEnds[0]) }
        guard status == 0 else {
            if input != nil { close(pipeEnds[1]) }
            return nil
        }
        if let input {
            // Non-blocking: a player that does not read never stalls a timer (the tones are a
            // few kilobytes, well inside a pipe's buffer).
            _ = fcntl(pipeEnds[1], F_SETFL, fcntl(pipeEnds[1], F_GETFL) | O_NONBLOCK)
            _ = input.withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
            close(pipeEnds[1])
        }
        running.append(pid)
        return pid
    }

    /// Ends `pid`'s process group now (a new spoken line cuts off the one before).
    func stop(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        reap()
    }

    /// Collects children that have finished (never blocks).
    func reap() {
        running.removeAll { pid in
            var status: Int32 = 0
            return waitpid(pid, &status, WNOHANG) != 0
        }
    }

    /// At the end of the program: stop what still runs and collect it.
    func stopAll() {
        for pid in running {
            kill(-pid, SIGTERM)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
        running = []
    }

    /// The full path of `program` in PATH (or itself when it has a slash and is executable).
    static func find(_ program: String, environment: [String: String]) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Short tones, made in memory as WAV (16-bit mono), one pattern per `CueSound`.
enum Tones {
    static let sampleRate = 16_000

    /// (frequency in Hz, milliseconds) notes with 30 ms gaps.
    static func notes(_ sound: CueSound) -> [(Double, Int)] {
        switch sound {
        case .start: return [(880, 180)]
        case .lastSeconds: return [(660, 70)]
        case .end: return [(880, 120), (587, 220)]
        case .restOver: return [(523, 90), (659, 90), (784, 160)]
        }
    }

    static func wav(_ sound: CueSound) -> [UInt8] {
        var samples: [Int16] = []
        for (frequency, milliseconds) in notes(sound) {
            let count = sampleRate * milliseconds / 1000
            for index in 0..<count {
                // A short fade in and out, so the tone does not click.
                let edge = min(index, count - index, 160)
                let amplitude = 9_000.0 * Double(edge) / 160
                samples.append(Int16(amplitude * sin(2 * Double.pi * frequency * Double(index) / Double(sampleRate))))
            }
            samples += Array(repeating: 0, count: sampleRate * 30 / 1000)
        }
        var data: [UInt8] = []
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data += $0 } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { data += $0 } }
        let bytes = UInt32(samples.count * 2)
        data += Array("RIFF".utf8); append32(36 + bytes); data += Array("WAVE".utf8)
        data += Array("fmt ".utf8); append32(16); append16(1); append16(1)
        append32(UInt32(sampleRate)); append32(UInt32(sampleRate * 2)); append16(2); append16(16)
        data += Array("data".utf8); append32(bytes)
        for sample in samples { append16(UInt16(bitPattern: sample)) }
        return data
    }
}

/// What the app does with the engine's cues: tones (or bells) for the four sounds, and a spoken
/// line through espeak-ng (or LIMBER_SPEECH_COMMAND) for the rest. Everything is a child process
/// started without waiting; a new spoken line cuts off the one before.
public final class CoachCues: CuePlayer {
    enum SoundOutput { case tones(String), bell, off }
    let sound: SoundOutput
    /// The speech program and its arguments (the text is added last); nil: voice off.
    let speech: [String]?
    private let children = ChildProcesses()
    private var speaking: pid_t?
    private var toneCache: [CueSound: [UInt8]] = [:]

    init(sound: SoundOutput, speech: [String]?) {
        self.sound = sound
        self.speech = speech
    }

    /// What the session does this time, from the settings and the command line: `quiet` silences
    /// sound and voice; `voice` (from --voice / --no-voice, else the setting) asks for speech.
    /// - Returns: the player and, when voice was asked for but no speech program exists, the one
    ///   line that says how to install it.
    public static func make(settings: Settings, quiet: Bool, voice: Bool?, environment: [String: String])
        -> (player: CoachCues?, notice: String?) {
        if quiet { return (nil, nil) }
        let sound: SoundOutput
        switch settings.sounds {
        case .off: sound = .off
        case .bell: sound = .bell
        case .auto:
            if let player = ["aplay", "paplay"].lazy.compactMap({ ChildProcesses.find($0, environment: environment) }).first {
                sound = .tones(player)
            } else {
                sound = .bell
            }
        }
        var speech: [String]?
        var notice: String?
        if voice ?? settings.voice {
            if let custom = environment["LIMBER_SPEECH_COMMAND"], !custom.isEmpty {
                speech = custom.split(separator: " ").map(String.init)
            } else if let espeak = ChildProcesses.find("espeak-ng", environment: environment) {
                speech = [espeak, "-s", "150"]
            } else {
                notice = "Voice: espeak-ng is not installed (install it with `sudo apt-get install espeak-ng`); going on with sounds."
            }
        }
        if case .off = sound, speech == nil { return (nil, notice) }
        return (CoachCues(sound: sound, speech: speech), notice)
    }

    public func play(_ cues: [Cue]) -> [ProgramCommand] {
        var commands: [ProgramCommand] = []
        for sound in cues.compactMap(CueSound.init) {
            switch self.sound {
            case .tones(let player):
                let wav = toneCache[sound] ?? Tones.wav(sound)
                toneCache[sound] = wav
                let arguments = player.hasSuffix("aplay") ? [player, "-q", "-"] : [player]
                if children.spawn(arguments, input: wav) == nil { commands += bells(sound) }
            case .bell:
                commands += bells(sound)
            case .off:
                break
            }
        }
        // Of one step's cues only the last line is said: "set done, rate your pain" is one moment.
        if let speech, let line = cues.compactMap(Narration.line(for:)).last {
            if let previous = speaking { children.stop(previous) }
            speaking = children.spawn(speech + [line])
        }
        children.reap()
        return commands
    }

    private func bells(_ sound: CueSound) -> [ProgramCommand] { Array(repeating: .bell, count: sound.bells) }

    /// Ends any speech still running (the program is over).
    public func finish() { children.stopAll() }

    deinit { children.stopAll() }
}
