import Foundation
import Testing

/// Plays a routine in a real terminal the way a person does: it reads the screen, and answers
/// whatever is waiting for a person (the check-in, an intro, a rep set, the pain question, a
/// notice) until the summary shows. Timed phases run by themselves (LIMBER_TIME_SCALE makes them
/// quick), so the player only ever reacts to what is on screen.
struct RoutinePlayer {
    let tmux: TmuxSession
    /// Keys typed at each pain prompt, given the screen (one digit answers; none: Enter keeps
    /// the answer offered again).
    var pain: (String) -> [String] = { _ in ["2"] }
    /// Keys at an intro (default: Enter to begin; none waits for its automatic start).
    var intro: (String) -> [String] = { _ in ["Enter"] }
    /// Called on every poll of a screen nobody needs to answer; may act (pause, ...).
    var whileRunning: (String) throws -> Void = { _ in }

    static let summaryMarks = ["Session complete", "Session ended"]

    /// Plays until the summary (or until `ratings` pain answers were given); returns that screen.
    @discardableResult
    func play(timeout: Double = 120, ratings: Int? = nil) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        var rated = 0
        while Date() < end {
            let screen = try tmux.screen()
            last = screen
            if RoutinePlayer.summaryMarks.contains(where: screen.contains) { return screen }
            if let ratings, rated >= ratings { return screen }
            let footer = screen.split(separator: "\n", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            if footer.hasPrefix("0-9/t pain") {
                // One key answers; an offered last answer is kept with Enter alone.
                let keys = pain(screen)
                try act(keys.isEmpty ? ["Enter"] : keys, on: screen)
                rated += 1
            } else if footer.hasPrefix("enter begin") {
                // No keys: let the intro start by itself.
                let keys = intro(screen)
                if keys.isEmpty { usleep(30_000) } else { try act(keys, on: screen) }
            } else if footer.hasPrefix("space count rep") {
                let target = RoutinePlayer.repTarget(screen) ?? 1
                try act(Array(repeating: "Space", count: target) + ["Enter"], on: screen)
            } else if footer.hasPrefix("enter continue") {
                try act(["Enter"], on: screen)
            } else {
                try whileRunning(screen)
                usleep(30_000)
            }
        }
        Issue.record("the routine did not reach its summary; last screen:\n\(last)")
        throw HarnessError("no summary")
    }

    /// Sends keys one by one, then waits until the screen is no longer the one acted on and has
    /// settled (the same twice in a row), so an intermediate frame (a digit shown before its
    /// Enter is handled) is never mistaken for the next question.
    func act(_ keys: [String], on screen: String) throws {
        for key in keys { try tmux.send(key) }
        let end = Date().addingTimeInterval(10)
        var previous = screen
        while Date() < end {
            usleep(40_000)
            let current = try tmux.screen()
            if current != screen && current == previous { return }
            previous = current
        }
        throw HarnessError("the screen did not change after \(keys):\n\(screen)")
    }

    /// Answers the screens before a session the way a person without red flags does: the
    /// welcome (Enter), the weekly plan (Enter), "hurt is not harm" (Enter), the direction of relief (`direction`), every safety question (n), "since last time" (`sinceLast`),
    /// the weekly outcome screens (s, skipped), leg and back pain, and the prescription (`prescription`, Enter by default; none waits for its automatic
    /// start); `observe` sees every screen polled. Returns the prescription screen it began from.
    @discardableResult
    func passChecks(leg: Int, back: Int, sinceLast: String = "1", direction: String = "n", reach: String = "2",
                    highPain: String = "k", prescription: [String] = ["Enter"], timeout: Double = 30,
                    observe: (String) -> Void = { _ in }) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            let screen = try tmux.screen()
            last = screen
            observe(screen)
            let header = screen.split(separator: "\n").first.map(String.init) ?? ""
            if header.hasPrefix("limber · welcome") {
                try act(["Enter"], on: screen)
            } else if header.hasPrefix("limber · your weekly plan") {
                try act(["Enter"], on: screen)
            } else if header.hasPrefix("limber · weekly: ") {
                // The weekly PEG and activities screens (first session of a week): skipped here
                // (Esc where the activities are to be named: a letter there starts a name).
                try act([screen.contains("Which everyday activities") ? "Escape" : "s"], on: screen)
            } else if header.hasPrefix("limber · hurt is not harm") {
                try act(["Enter"], on: screen)
            } else if header.hasPrefix("limber · what eases your leg") {
                try act([direction], on: screen)
            } else if header.hasPrefix("limber · safety check") && screen.contains("n none") {
                try act(["n"], on: screen)
            } else if header.hasPrefix("limber · health history") && screen.contains("y yes · n no") {
                try act(["n"], on: screen)
            } else if header.hasPrefix("limber · where the pain reaches") {
                try act([reach], on: screen)
            } else if header.hasPrefix("limber · high pain today") {
                try act([highPain], on: screen)
            } else if header.hasPrefix("limber · since last time") {
                try act([sinceLast], on: screen)
            } else if screen.contains("Leg pain right now") {
                try act(["\(leg)"], on: screen)
            } else if screen.contains("Back pain right now") {
                try act(["\(back)"], on: screen)
            } else if screen.contains("Today's prescription") || header.hasSuffix("today") {
                if prescription.isEmpty {
                    while try tmux.screen().contains("Today's prescription"), Date() < end { usleep(30_000) }
                } else {
                    try act(prescription, on: screen)
                }
                return screen
            } else {
                usleep(30_000)
            }
        }
        Issue.record("did not get through the checks before the session; last screen:\n\(last)")
        throw HarnessError("checks")
    }

    /// After the summary: Enter, then leg and back pain after the session; waits for the exit.
    func finish(leg: Int, back: Int, reach: String = "2") throws {
        try tmux.send("Enter")
        try tmux.waitFor("Leg pain right now")
        try tmux.send("\(leg)")
        try tmux.waitFor("Back pain right now")
        try tmux.send("\(back)")
        try tmux.send("Enter")
        try tmux.waitFor("How far down your leg")
        try tmux.send(reach)
        try tmux.waitForExit()
    }

    /// "REPS 3 of 10" -> the reps still to count (10 - 3).
    static func repTarget(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"REPS (\d+) of (\d+)"#, options: .regularExpression) else { return nil }
        let numbers = screen[range].split(separator: " ").compactMap { Int($0) }
        guard numbers.count == 2 else { return nil }
        return max(0, numbers[1] - numbers[0])
    }
}

/// The guided session end to end: the real binary in tmux, keys sent as a person would, and
/// then the SQLite file read with the sqlite3 shell.
@Suite("guided session, end to end", .serialized)
struct SessionEndToEndTests {
    static let fast = ["LIMBER_TIME_SCALE": "20"]

    @Test("five-minute at 40x12: first screen to summary, every set in the log with its pain")
    func fiveMinuteSmallTerminal() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(width: 40, height: 12, command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                   environment: sandbox.environment.merging(Self.fast) { $1 })
        let player = RoutinePlayer(tmux: tmux, pain: { _ in ["1"] })
        try player.passChecks(leg: 3, back: 2)
        let summary = try player.play()
        #expect(summary.contains("Session complete"))
        #expect(summary.contains("sets 7 of 7"))
        #expect(summary.contains("pain 3 → 1"))
        try player.finish(leg: 1, back: 2)

        let sessions = try sandbox.query("""
            SELECT routine_id, status, pain_before, pain_after, planned_sets, leg_pain_before, back_pain_before,
                   leg_pain_after, back_pain_after FROM session
            """)
        #expect(sessions == [["five-minute", "completed", "3", "1", "7", "3", "2", "1", "2"]])
        let sets = try sandbox.query("SELECT exercise_id, side, set_number, pain, adjustment FROM session_set ORDER BY id")
        #expect(sets.map { $0[0] } == ["knee-to-chest", "knee-to-chest", "knee-to-chest", "knee-to-chest",
                                       "pelvic-tilt", "bridge-hold", "bridge-hold"])
        #expect(sets.map { $0[1] } == ["left", "right", "left", "right", "both", "both", "both"])
        #expect(sets.allSatisfy { $0[3] == "1" && $0[4] == "keep" })
        let checks = try sandbox.query("SELECT kind, outcome, session_id FROM check_in")
        #expect(checks == [["direction", "neutral", ""], ["red_flag", "clear", "1"], ["history_check", "clear", "1"]],
                "the direction of relief is logged once; the day's safety check and the setup history check with the session")
        #expect(try sandbox.query("SELECT reach_before, reach_after FROM session") == [["buttock", "buttock"]])
        #expect(try tmux.screen().contains("Saved: Five-minute minimum,"), "a line on the shell after the terminal is restored")
    }

    @Test("core-foundations at 80x24: holds, tempo and self-paced reps, sides, pause, a skip, high and low pain, a spread mark")
    func coreFoundations() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(width: 80, height: 24, command: [LimberBinary.path, "start", "core-foundations", "--quiet"],
                                   environment: sandbox.environment.merging(Self.fast) { $1 })
        var pausedOnce = false
        var player = RoutinePlayer(tmux: tmux)
        try player.passChecks(leg: 2, back: 1)
        player.intro = { screen in screen.contains("Arm slide on hands and knees") ? ["s"] : ["Enter"] }
        player.pain = { screen in
            if screen.contains("Heel slide · set 1 of 2 done (left)") { return ["7"] }
            if screen.contains("Bridge hold · set 1 of 2 done") { return ["l", "2"] }
            if screen.contains("Side plank on knees · set 1 of 2 done (left)") { return ["4"] }
            if screen.contains("Side plank on knees · set 1 of 2 done (right)") { return ["5"] }
            if screen.contains("Curl-up, head supported") { return ["0"] }
            return ["2"]
        }
        player.whileRunning = { screen in
            // Pause during the first tempo set with a hold: the countdown must freeze, then go on.
            guard !pausedOnce, screen.contains("Curl-up, head supported"), screen.contains("HOLD · rep") else { return }
            pausedOnce = true
            try tmux.send("p")
            let paused = try tmux.waitFor("┌─ Paused")
            usleep(600_000)  // 12 s of session time at this scale
            let later = try tmux.screen()
            #expect(later == paused, "a paused countdown does not move")
            try tmux.send("p")
            let end = Date().addingTimeInterval(5)
            while Date() < end, try tmux.screen().contains("┌─ Paused") { usleep(20_000) }
            #expect(try !tmux.screen().contains("┌─ Paused"))
        }
        let summary = try player.play()
        #expect(pausedOnce)
        #expect(summary.contains("Session complete"))
        #expect(summary.contains("What changed and why:"))
        #expect(summary.contains("Heel slide, set 1 left: Pain 7"))
        #expect(summary.contains("Bridge hold, set 1:"))
        #expect(summary.contains("Arm slide on hands and knees: skipped."))
        try player.finish(leg: 2, back: 2)

        let session = try sandbox.query("SELECT status, pain_before FROM session")
        #expect(session == [["completed", "2"]])
        let sets = try sandbox.query("""
            SELECT exercise_id, side, pain, spread, adjustment, reason, target_amount, done_amount
            FROM session_set ORDER BY id
            """)
        // bridge hold 1 (stopped by the spread mark), heel slide 4, curl-up 2, side plank 4, clamshell 4.
        #expect(sets.count == 15, "\(sets)")
        #expect(sets.allSatisfy { Int($0[2]) != nil }, "every set has its pain")
        let heelLeft = sets.first { $0[0] == "heel-slide" && $0[1] == "left" }
        #expect(heelLeft?[4] == "reduce")
        #expect(heelLeft?[5].hasPrefix("Pain 7 is above 5") == true)
        let heelRight = sets.first { $0[0] == "heel-slide" && $0[1] == "right" }
        #expect(heelRight.map { Int($0[6])! < 8 } == true, "the right side got the reduced target")
        let bridge = sets.filter { $0[0] == "bridge-hold" }
        #expect(bridge.count == 1, "a spread mark stops the exercise")
        #expect(bridge.first?[3] == "1")
        #expect(bridge.first?[4] == "stop_exercise")
        let clamshell = sets.filter { $0[0] == "clamshell" }
        #expect(clamshell.map { $0[7] } == ["8", "8", "8", "8"], "self-paced reps counted with Space")
        let skips = try sandbox.query("SELECT exercise_id FROM skip")
        #expect(skips == [["quadruped-arm-slide"]])
    }

    @Test("killed mid-session, the next start offers to resume where it stopped; nothing logged is lost")
    func killAndResume() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let environment = sandbox.environment.merging(Self.fast) { $1 }
        do {
            let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet"], environment: environment)
            try RoutinePlayer(tmux: tmux).passChecks(leg: 4, back: 1)
            try tmux.waitFor("enter begin")
            try tmux.send("Enter")
            try tmux.waitFor("Leg pain right now?")
            try tmux.send("3")
            try tmux.waitFor("NOW THE RIGHT SIDE")
            kill(try tmux.programPID(), SIGKILL)
            try tmux.waitForExit()
        }
        #expect(try sandbox.query("SELECT status FROM session") == [["in_progress"]])
        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["1"]])

        let tmux = try TmuxSession(command: [LimberBinary.path, "--quiet"], environment: environment)
        try tmux.waitFor("did not finish: 1 of")
        #expect(try tmux.screen().contains("Next: Knee to chest, set 1 (right)."))
        try tmux.send("r")
        try tmux.waitFor("Knee to chest")
        let player = RoutinePlayer(tmux: tmux)
        try player.play()
        try player.finish(leg: 2, back: 1)
        let sessions = try sandbox.query("SELECT id, status, pain_before FROM session")
        #expect(sessions == [["1", "completed", "4"]], "the same session row went on")
        let sides = try sandbox.query("SELECT exercise_id, side FROM session_set ORDER BY id").prefix(2)
        #expect(Array(sides) == [["knee-to-chest", "left"], ["knee-to-chest", "right"]])
        #expect(try sandbox.query("SELECT count(*) FROM session_set") == [["7"]])
    }

    @Test("quitting asks first, keeps every rated set and marks the session ended early")
    func quitKeepsSets() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                   environment: sandbox.environment.merging(Self.fast) { $1 })
        try RoutinePlayer(tmux: tmux).passChecks(leg: 2, back: 2)
        try tmux.waitFor("enter begin")
        try tmux.send("Enter")
        try tmux.waitFor("Leg pain right now?")
        try tmux.send("9")
        try tmux.waitFor("Stopping this exercise")
        try tmux.send("q")
        try tmux.waitFor("End the session now?")
        try tmux.send("n")
        try tmux.send("q")
        try tmux.waitFor("End the session now?")
        try tmux.send("y")
        try tmux.waitFor("Session ended early")
        let rows = try sandbox.query("SELECT s.status, t.pain, t.adjustment FROM session s JOIN session_set t ON t.session_id = s.id")
        #expect(rows == [["ended_early", "9", "stop_exercise"]])
    }

    @Test("a resize to 40x12 and back redraws the running session")
    func resize() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet", "--skip-screen"],
                                   environment: sandbox.environment)
        try tmux.passFirstRun()
        // --skip-screen skips the daily screen, not the history check due at setup.
        try tmux.waitFor("health history")
        for _ in 0..<6 { try tmux.send("n") }
        try tmux.waitFor("Leg pain right now")
        try tmux.resize(width: 40, height: 12)
        try tmux.waitFor("0-3 fine · 4-5 ok · 6-10 too much")
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor("make the terminal larger")
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("└─── fine ───┘")
    }

    @Test("an emergency red-flag answer keeps the session from starting, says what to do, and is logged")
    func emergencyRedFlag() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "core-foundations"], environment: sandbox.environment)
        try tmux.passFirstRun()
        try tmux.waitFor("Is any of these new since yesterday?")
        try tmux.send("y")
        try tmux.waitFor("item 1 of 6")
        try tmux.send("y")
        try tmux.waitFor("SEEK EMERGENCY CARE NOW")
        #expect(try tmux.screen().contains("Call your local emergency number now (911, 999 or 112)"))
        try tmux.send("Enter")
        try tmux.waitForExit()
        #expect(try tmux.screen().contains("Seek emergency care now"), "the advice stays on the shell")
        #expect(try sandbox.query("SELECT count(*) FROM session") == [["0"]], "no session started")
        let checks = try sandbox.query("SELECT kind, outcome FROM check_in")
        #expect(checks == [["direction", "neutral"], ["red_flag", "emergency"]])

        // A second launch the same day: the answer is shown again with "assessed since?"; n keeps the day free of exercise.
        let again = try TmuxSession(command: [LimberBinary.path, "start", "core-foundations"], environment: sandbox.environment)
        try again.waitFor("Earlier today")
        #expect(try again.screen().contains("SEEK EMERGENCY CARE NOW"))
        try again.send("n")
        try again.waitForExit()
        #expect(try sandbox.query("SELECT count(*) FROM session") == [["0"]], "never a silent normal session")
        #expect(try sandbox.query("SELECT count(*) FROM check_in WHERE kind = 'red_flag'") == [["1"]])
    }

    @Test("s during a hold asks why in one key; 'too painful' stops the exercise, says so, and is logged with the skip")
    func skipMidHoldAsksWhy() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(width: 80, height: 24, command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                   environment: sandbox.environment.merging(["LIMBER_TIME_SCALE": "2"]) { $1 })
        try RoutinePlayer(tmux: tmux).passChecks(leg: 3, back: 2)
        try tmux.waitFor("enter begin")
        try tmux.send("Enter")
        try tmux.waitFor("HOLD")
        try tmux.send("s")
        let why = try tmux.waitFor("Why?")
        #expect(why.contains("p  too painful") && why.contains("l  spread down the leg"))
        try tmux.send("p")
        let notice = try tmux.waitFor("counts like a rating")
        #expect(notice.contains("stopping Knee to chest for today"))
        try tmux.send("Enter")
        try tmux.waitFor("enter begin")
        try tmux.send("q")
        try tmux.send("y")
        try tmux.waitFor("enter close")
        try RoutinePlayer(tmux: tmux).finish(leg: 3, back: 2, reach: "3")
        #expect(try sandbox.query("SELECT exercise_id, reason FROM skip") == [["knee-to-chest", "too_painful"]])
        #expect(try sandbox.query("SELECT reach_before, reach_after FROM session") == [["buttock", "thigh"]])
    }

    @Test("after two easy sessions, the next one steps up and says why")
    func progressionAfterTwoEasySessions() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        // Two earlier five-minute sessions, every set at pain 1: logged through the binary's own
        // schema (run once to create it), then written the way a finished session is stored.
        _ = try sandbox.run(["history"])
        try FileManager.default.createDirectory(at: sandbox.dataDir, withIntermediateDirectories: true)
        let tmuxSetup = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--skip-screen"],
                                        environment: sandbox.environment)
        try tmuxSetup.waitFor("welcome")
        try tmuxSetup.send("q")
        try tmuxSetup.waitForExit()
        var sql = ""
        for (id, daysAgo) in [(1, 2), (2, 1)] {
            let day = "datetime('now', '-\(daysAgo) days')"
            sql += """
                INSERT INTO session (id, routine_id, routine_name, started_at, ended_at, status, pain_before, pain_after,
                    leg_pain_before, back_pain_before, planned_sets)
                VALUES (\(id), 'five-minute', 'Five-minute minimum', \(day), \(day), 'completed', 2, 1, 2, 1, 7);
                """
            let sets: [(Int, String, String, Int, String, Int)] = [
                (0, "knee-to-chest", "left", 1, "seconds", 20), (0, "knee-to-chest", "right", 1, "seconds", 20),
                (0, "knee-to-chest", "left", 2, "seconds", 20), (0, "knee-to-chest", "right", 2, "seconds", 20),
                (1, "pelvic-tilt", "both", 1, "reps", 10), (2, "bridge-hold", "both", 1, "seconds", 15),
                (2, "bridge-hold", "both", 2, "seconds", 15),
            ]
            for (position, exercise, side, number, kind, amount) in sets {
                sql += """
                    INSERT INTO session_set (session_id, position, exercise_id, exercise_name, side, set_number,
                        target_kind, target_amount, done_amount, pain, spread, adjustment, reason, completed_at,
                        planned_exercise_id, rule)
                    VALUES (\(id), \(position), '\(exercise)', '\(exercise)', '\(side)', \(number), '\(kind)', \(amount),
                        \(amount), 1, 0, 'keep', '', \(day), '\(exercise)', 'safe');
                    """
            }
        }
        let insert = try runProcess("/usr/bin/env", ["sqlite3", sandbox.database, sql])
        #expect(insert.status == 0, "\(insert.stderr)")

        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--skip-screen"],
                                   environment: sandbox.environment)
        try tmux.waitFor("what eases your leg")  // asked once, also of someone who has sessions
        try tmux.send("n")
        // --skip-screen skips the daily screen, not the history check (none on record here).
        try tmux.waitFor("health history")
        for _ in 0..<6 { try tmux.send("n") }
        try tmux.waitFor("Since your last session, how has your pain settled?")
        let prescription = try RoutinePlayer(tmux: tmux).passChecks(leg: 2, back: 1, sinceLast: "1")
        #expect(prescription.contains("↑"), "a step up is marked:\n\(prescription)")
        #expect(prescription.contains("two easy sessions in a row"))
        #expect(prescription.contains("Knee to chest ↑"))
    }

    @Test("SIGTERM mid-hold restores the terminal; the rated sets stay and the next start sees the session as interrupted")
    func terminatedMidHold() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let environment = sandbox.environment.merging(["LIMBER_TIME_SCALE": "2"]) { $1 }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet", "--skip-screen"],
                                   environment: environment)
        try RoutinePlayer(tmux: tmux).passChecks(leg: 3, back: 3)
        try tmux.waitFor("enter begin")
        try tmux.send("Enter")
        try tmux.waitFor("HOLD")
        kill(try tmux.programPID(), SIGTERM)
        #expect(try tmux.waitForExit() == 143)
        let screen = try tmux.screen()
        #expect(!screen.contains("HOLD"), "the full-screen session is gone: the shell's screen is back")
        #expect(try sandbox.query("SELECT status FROM session") == [["in_progress"]])

        let again = try TmuxSession(command: [LimberBinary.path, "start", "five-minute", "--quiet"], environment: environment)
        try again.waitFor("did not finish: 0 of")
        try again.send("q")
        try again.waitForExit()
        #expect(try sandbox.query("SELECT status FROM session") == [["interrupted"]])
    }

    @Test("without a terminal, start says to run it in one")
    func notATerminal() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["start", "five-minute"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("limber start needs an interactive terminal"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("an unknown routine is named, with a suggestion, before the terminal is taken over")
    func unknownRoutine() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "gentle-releif"], environment: sandbox.environment)
        try tmux.waitFor("did you mean 'gentle-relief'?")
    }
}
