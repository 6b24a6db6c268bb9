import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import TestSupport
import CoachUI
import ExerciseCatalog
import SessionEngine

/// Sends keys to a program the way the run loop would.
struct KeyDriver<Program: InteractiveProgram> {
    var program: Program
    var now = Instant.seconds(100)

    init(_ program: Program) { self.program = program }

    mutating func press(_ keys: Key...) {
        for key in keys {
            now = now.advanced(by: .milliseconds(300))
            _ = program.handle(.key(key, now: now))
        }
    }

    mutating func type(_ text: String) {
        for character in text { press(character == " " ? .space : .character(character)) }
    }

    func screen(_ width: Int = 80, _ height: Int = 24) -> [String] {
        program.render(size: Size(width: width, height: height), now: now).lines
    }
}

/// The screens before and after a session, at 80x24 and 40x12, asserting the lines a person reads.
@Suite("pre-session screens")
struct PreSessionScreenTests {
    static let choices: [WelcomeProgram.Choice] = [
        .init(routineID: "five-minute", name: "Five-minute minimum", summary: "The bad-day minimum that still counts."),
        .init(routineID: "gentle-relief", name: "Gentle relief", summary: "For a flare day, when moving hurts."),
    ]

    @Test("welcome: what limber is, not medical advice, where the data lives, a first routine")
    func welcome() {
        var driver = KeyDriver(WelcomeProgram(dataLocation: "/home/ana/.local/share/limber", choices: Self.choices))
        let lines = driver.screen()
        #expect(lines[0] == "limber · welcome")
        #expect(lines[3] == "  Welcome to limber.")
        #expect(lines[5].hasPrefix("  limber guides gentle stretches and core exercises for sciatica and low back"))
        #expect(lines[9] == "  It is a self-management aid, not medical advice. If your symptoms change or")
        #expect(lines[12] == "  Your log stays on this computer: /home/ana/.local/share/limber")
        #expect(lines[14] == "  Pick a first routine:")
        #expect(lines[15] == "  › 1  Five-minute minimum")
        #expect(lines[16] == "       The bad-day minimum that still counts.")
        #expect(lines[17] == "    2  Gentle relief")
        #expect(lines[21] == "  v  [ ] speak each step aloud (voice guidance)", "the welcome offers the voice")
        #expect(lines[23] == "↑/↓ choose · enter start · q quit · v voice on · a about pain")
        let small = driver.screen(40, 12)
        #expect(small[1] == " Welcome to limber: a coach for")
        #expect(small[3] == " Not medical advice.")
        #expect(small[4] == " Data: /home/ana/.local/share/limber")
        #expect(small[6] == " › 1  Five-minute minimum")
        #expect(small[7] == "   2  Gentle relief")
        #expect(small[11] == "↑/↓ choose · enter start · q quit")
        driver.press(.down)
        #expect(driver.screen(40, 12)[7] == " › 2  Gentle relief")
        #expect(!driver.program.isFinished)
        driver.press(.enter)
        #expect(driver.program.result == .chose(routineID: "gentle-relief"))
        var byNumber = KeyDriver(WelcomeProgram(dataLocation: "/d", choices: Self.choices))
        byNumber.press(.character("2"), .character("1"), .enter)
        #expect(byNumber.program.result == .chose(routineID: "five-minute"))
        var quitting = KeyDriver(WelcomeProgram(dataLocation: "/d", choices: Self.choices))
        quitting.press(.character("q"))
        #expect(quitting.program.result == .quit)
    }

    @Test("daily red flags: one screen, n answers it with one key; y asks each item; b goes back")
    func redFlagQuestions() {
        var driver = KeyDriver(RedFlagProgram())
        let lines = driver.screen()
        #expect(lines[0].hasPrefix("limber · safety check"))
        #expect(lines[0].hasSuffix("daily"))
        #expect(lines[3] == "  Is any of these new since yesterday?")
        #expect(lines[5] == "  • numbness or tingling around the genitals or anus, or it feels different")
        #expect(lines[10] == "  • new sexual dysfunction")
        #expect(lines[11] == "  • a leg getting weaker, or a foot that drops or catches (tripping)")
        #expect(lines[12] == "  • fever, or feeling unwell, with the back pain")
        #expect(lines[14] == "  n none is new · y yes, one is")
        #expect(lines[23] == "n none is new · y yes, one is · q quit")
        #expect(!lines.joined().contains("cancer"), "history items are not asked daily")
        let small = driver.screen(40, 12)
        #expect(small[1] == " New since yesterday?")
        #expect(small[2] == " saddle numbness; bladder or bowel")
        #expect(small[5] == " drop; fever with back pain.")
        #expect(small[6] == " n none · y yes")
        var none = driver
        none.press(.character("n"))
        #expect(none.program.result == .clear, "one key when nothing is new")
        #expect(none.program.answers.count == RedFlags.daily.count && none.program.answers.values.allSatisfy { !$0 })
        driver.press(.character("y"))
        #expect(driver.program.stage == .asking(index: 0))
        let item = driver.screen()
        #expect(item[0].hasSuffix("item 1 of 6"))
        #expect(item[3] == "  Which is new since yesterday?")
        #expect(item[5] == "  Is there new numbness or tingling around your genitals or anus, or does it")
        #expect(item[23] == "y yes · n no · b back · q quit")
        driver.press(.character("n"), .character("x"))
        #expect(driver.program.stage == .asking(index: 1))
        driver.press(.character("b"), .character("b"))
        #expect(driver.program.stage == .list)
        driver.press(.character("y"))
        for _ in RedFlags.daily { driver.press(.character("n")) }
        #expect(driver.program.result == .clear)
        var quitting = KeyDriver(RedFlagProgram())
        quitting.press(.character("q"))
        #expect(quitting.program.result == .cancelled)
    }

    @Test("an emergency answer: a clear screen, seek emergency care now, what to tell them; no session")
    func emergency() {
        var driver = KeyDriver(RedFlagProgram())
        driver.press(.character("y"), .character("n"), .character("y"))
        #expect(driver.program.stage == .emergency, "no more questions after an emergency yes")
        #expect(driver.program.outcome == .emergency)
        let lines = driver.screen()
        #expect(lines[3] == "  SEEK EMERGENCY CARE NOW")
        #expect(lines[5] == "  Call your local emergency number now (911, 999 or 112), or go to an")
        #expect(lines[6] == "  emergency department.")
        #expect(lines[8] == "  Do not exercise today. limber will not start a session.")
        #expect(lines[10] == "  Tell them you have back pain or sciatica, and that these are new:")
        #expect(lines[11] == "  • new trouble with passing urine, or loss of bowel control")
        #expect(lines[13].hasPrefix("  Say when it started."))
        #expect(lines[23] == "enter close")
        let small = driver.screen(40, 12)
        #expect(small[1] == " SEEK EMERGENCY CARE NOW")
        #expect(small[2] == " Call 911 / 999 / 112 or go to an")
        #expect(small[3] == " emergency department.")
        #expect(small[4] == " Tell them it is new: new trouble with")
        #expect(small[7] == " No session today.")
        driver.press(.character("y"), .character("n"))
        #expect(!driver.program.isFinished, "only enter or q closes the emergency screen")
        driver.press(.enter)
        #expect(driver.program.result == .emergency)
        #expect(driver.program.yes == ["bladder_bowel"])
    }

    @Test("a same-day sign (a weakening leg, fever): no exercise today, call your doctor or urgent care today")
    func sameDay() {
        var driver = KeyDriver(RedFlagProgram())
        driver.press(.character("y"))
        for flag in RedFlags.daily { driver.press(.character(flag.id == "weak_leg" ? "y" : "n")) }
        #expect(driver.program.stage == .sameDay)
        let lines = driver.screen()
        #expect(lines[3] == "  GET SEEN TODAY · NO EXERCISE TODAY")
        #expect(lines[5] == "  Call your doctor or an urgent care service today: this needs to be seen")
        #expect(lines[9] == "  • a leg getting weaker, or a foot that drops or catches (tripping)")
        #expect(lines[11] == "  No exercise today. limber will not start a session.")
        let small = driver.screen(40, 12)
        #expect(small[1] == " GET SEEN TODAY · NO EXERCISE TODAY")
        #expect(small[2] == " Call your doctor or urgent care today.")
        #expect(small[3] == " New: a weakening leg or foot drop.")
        driver.press(.enter)
        #expect(driver.program.result == .sameDay)
    }

    @Test("the history check: one question at a time; a yes leads to see a clinician, gentle routines until assessed")
    func historyCheck() {
        var driver = KeyDriver(HistoryCheckProgram())
        let lines = driver.screen()
        #expect(lines[0].hasPrefix("limber · health history"))
        #expect(lines[0].hasSuffix("question 1 of 6"))
        #expect(lines[5] == "  Have you ever had cancer?")
        #expect(driver.screen(40, 12)[1] == " Have you ever had cancer?")
        driver.press(.character("y"))
        for _ in 1..<RedFlags.history.count { driver.press(.character("n")) }
        #expect(driver.program.stage == .notice)
        let notice = driver.screen()
        #expect(notice[3] == "  Please see a clinician soon")
        #expect(notice[8] == "  • a history of cancer")
        #expect(notice[10] == "  Until a clinician has assessed it, limber offers only the gentle routines.")
        #expect(driver.screen(40, 12)[3] == " next few days. Gentle routines only")
        driver.press(.enter)
        #expect(driver.program.result == .seeClinician)
        var clear = KeyDriver(HistoryCheckProgram())
        for _ in RedFlags.history { clear.press(.character("n")) }
        #expect(clear.program.result == .clear)
    }

    @Test("an emergency answer on record: shown again at a later launch, with 'assessed since?'")
    func onRecord() {
        var driver = KeyDriver(OnRecordProgram(outcome: .emergency, yes: ["bladder_bowel"], at: "1 Mar 07:15"))
        let lines = driver.screen()
        #expect(lines[3] == "  SEEK EMERGENCY CARE NOW")
        #expect(lines[16] == "  Earlier today (1 Mar 07:15) you answered yes. Have you been assessed by a")
        #expect(lines[23] == "a assessed since · n not yet")
        #expect(driver.screen(40, 12)[8] == " Earlier today (1 Mar 07:15). Assessed")
        driver.press(.enter)
        #expect(driver.program.answer == .notAssessed)
        var assessed = KeyDriver(OnRecordProgram(outcome: .sameDay, yes: ["fever"], at: "1 Mar 07:15"))
        #expect(assessed.screen()[3] == "  GET SEEN TODAY · NO EXERCISE TODAY")
        assessed.press(.character("a"))
        #expect(assessed.program.answer == .assessed)
    }

    @Test("the next-day response: back to usual / worse than before the last session, one key")
    func sinceLast() {
        var driver = KeyDriver(SinceLastProgram())
        let lines = driver.screen()
        #expect(lines[0] == "limber · since last time")
        #expect(lines[3] == "  Since your last session, how has your pain settled?")
        #expect(lines[5] == "  › 1  back to usual")
        #expect(lines[6] == "    2  worse than before the last session")
        #expect(lines[8].hasPrefix("  Worse means a flare"))
        #expect(lines[23] == "1-2 answer · ↑/↓ choose · enter confirm · q quit")
        let small = driver.screen(40, 12)
        #expect(small.contains(" › 1  back to usual"))
        driver.press(.down, .enter)
        #expect(driver.program.answer == .worse)
        var byKey = KeyDriver(SinceLastProgram())
        byKey.press(.character("1"))
        #expect(byKey.program.answer == .same)
        var byLetter = KeyDriver(SinceLastProgram())
        byLetter.press(.character("w"))
        #expect(byLetter.program.answer == .worse)
        var quitting = KeyDriver(SinceLastProgram())
        quitting.press(.escape)
        #expect(quitting.program.isFinished && quitting.program.answer == nil)
    }

    @Test("leg then back pain, 0-10 each, with the scale and back")
    func bodyPain() {
        var driver = KeyDriver(BodyPainProgram(moment: "before the session"))
        var lines = driver.screen()
        #expect(lines[0].hasPrefix("limber · pain before the session"))
        #expect(lines[0].hasSuffix("1 of 2"))
        #expect(lines[3] == "  Leg pain right now (sciatica: buttock, thigh, calf, foot), 0-10?")
        #expect(lines[5].contains("0   1   2   3   4   5   6   7   8   9  10"))
        #expect(lines[8] == "  press 0-9, t = 10 · or ←/→ then enter")
        driver.press(.enter)
        #expect(driver.program.part == .leg, "enter needs a value")
        driver.type("t")
        #expect(driver.program.legPain == 10, "one key answers: t is ten")
        lines = driver.screen()
        #expect(lines[0].hasSuffix("2 of 2"))
        #expect(lines[3] == "  Leg pain: 10")
        #expect(lines[5] == "  Back pain right now, 0-10?")
        driver.press(.right, .right, .right, .right)
        lines = driver.screen()
        #expect(lines[7].contains("2  [3]  4"), "arrows still move from 0")
        #expect(lines[10] == "  3 chosen · enter to confirm")
        #expect(lines[23] == "0-9/t pain · ←/→ move · enter confirm · b back · q quit")
        let small = driver.screen(40, 12)
        #expect(small[0] == "limber · pain before the session  2 of 2")
        #expect(small[1] == " Back pain right now, 0-10?")
        #expect(small[3] == "    0  1  2 [3] 4  5  6  7  8  9 10")
        #expect(small[4] == "   0-3 fine · 4-5 ok · 6-10 too much")
        #expect(small[6] == " 3 chosen · enter to confirm")
        driver.press(.character("b"))
        #expect(driver.program.part == .leg && driver.program.selection == 10 && driver.program.legPain == nil)
        driver.press(.left, .enter, .character("4"))
        #expect(driver.program.result! == (leg: 9, back: 4))
        var quitting = KeyDriver(BodyPainProgram(moment: "after the session"))
        quitting.press(.character("q"))
        #expect(quitting.program.isFinished && quitting.program.result == nil)
    }
}

/// The start screen with today's prescription and its reasons.
@Suite("prescription screen")
struct PrescriptionScreenTests {
    static let bridgeHold = Exercise(
        id: "bridge-hold", name: "Bridge hold", kind: .strength, sides: .both,
        dose: Dose(sets: 3, work: .seconds(15), rest: 30), max: DoseCeiling(seconds: 30), steps: ["Hold."], harder: "glute-bridge")
    static let gluteBridge = Exercise(
        id: "glute-bridge", name: "Glute bridge", kind: .strength, sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 45), max: DoseCeiling(reps: 14), steps: ["Lift."], easier: "bridge-hold")
    static let kneeToChest = Exercise(
        id: "knee-to-chest", name: "Knee to chest", kind: .stretch, sides: .each,
        dose: Dose(sets: 3, work: .seconds(30), rest: 15), max: DoseCeiling(seconds: 45), steps: ["Pull."])
    static let pelvicTilt = Exercise(
        id: "pelvic-tilt", name: "Pelvic tilt", kind: .mobility, sides: .both,
        dose: Dose(sets: 2, work: .reps(10), rest: 30), steps: ["Tilt."])
    static let catalog = Catalog(exercises: [bridgeHold, gluteBridge, kneeToChest, pelvicTilt])
    static let routine = Routine(id: "core", name: "Core", kind: .strength, summary: "", items: [
        RoutineItem(exercise: "glute-bridge"), RoutineItem(exercise: "knee-to-chest"), RoutineItem(exercise: "pelvic-tilt"),
    ])

    /// Two easy sessions, then a stopped knee to chest: the bridge goes up, the stretch comes down.
    static func prescription(flare: Bool = false) -> Prescription {
        func session(kneePain: Int, stop: Bool) -> PastSession {
            PastSession(routineID: "core", startingPain: 2, sets: [
                pastSet(position: 0, exerciseID: "glute-bridge", target: .reps(10), pain: 1),
                pastSet(position: 1, exerciseID: "knee-to-chest", target: .seconds(30), pain: kneePain, action: stop ? .stopExercise : .keep),
                pastSet(position: 2, exerciseID: "pelvic-tilt", target: .reps(10), pain: 4),
            ])
        }
        let base = try! SessionPlan(routine: routine, catalogLookup: catalog.exercise)
        return Prescriber.prescribe(base: base, history: [session(kneePain: 1, stop: false), session(kneePain: 8, stop: true)],
                                    today: TodayCheckIn(sinceLast: flare ? .worse : nil), catalog: catalog)
    }

    @Test("each exercise with its dose; every change with its reason; enter begins")
    func screen() {
        var driver = KeyDriver(PrescriptionProgram(prescription: Self.prescription()))
        let lines = driver.screen()
        #expect(lines[0].hasPrefix("limber · core"))
        #expect(lines[0].hasSuffix("today"))
        #expect(lines[3] == "  Today's prescription")
        #expect(lines[5].hasPrefix("  1. Glute bridge ↑   ") && lines[5].hasSuffix("   2 x 12 reps") && lines[5].count == 78)
        #expect(lines[6] == "     Glute bridge 2 x 12 reps, up from 10: two easy sessions in a row (every")
        #expect(lines[7] == "     set 0-3, no spread).")
        #expect(lines[8].hasPrefix("  2. Knee to chest ↓   ") && lines[8].hasSuffix("   3 x 21 s each"))
        #expect(lines[9] == "     Knee to chest 3 x 21 s each, down from 30 s: last time it was stopped")
        #expect(lines[11].hasPrefix("  3. Pelvic tilt   ") && lines[11].hasSuffix("   2 x 10 reps"))
        #expect(lines[23] == "enter begin · ↑/↓ scroll · q quit")
        let small = driver.screen(40, 12)
        #expect(small[1] == " Today")
        #expect(small[2] == " 1. Glute bridge ↑          2 x 12 reps")
        #expect(small[3] == "    Glute bridge 2 x 12 reps, up from")
        #expect(small[6] == " 2. Knee to chest ↓       3 x 21 s each")
        #expect(small[10] == " 3. Pelvic tilt             2 x 10 reps")
        driver.press(.enter)
        #expect(driver.program.result == .begin)
    }

    @Test("a flare day says so at the top")
    func flare() {
        let driver = KeyDriver(PrescriptionProgram(prescription: Self.prescription(flare: true)))
        let lines = driver.screen()
        #expect(lines[5] == "  A flare today: you said your pain is worse since your last session. Nothing")
        #expect(lines[6] == "  steps up today.")
        #expect(lines[8].hasPrefix("  1. Glute bridge ↓"))
        // At 40x12 the list is longer than the screen: it says so, and scrolls.
        var small = KeyDriver(PrescriptionProgram(prescription: Self.prescription(flare: true)))
        #expect(small.screen(40, 12)[2] == " A flare today: you said your pain is")
        #expect(small.screen(40, 12)[10].hasSuffix(" …"))
        small.press(.down, .down, .down, .down)
        #expect(small.screen(40, 12)[2] == " 1. Glute bridge ↓           2 x 7 reps")
        small.press(.pageDown, .pageDown)
        #expect(!small.screen(40, 12)[10].hasSuffix(" …"), "the end of the list")
        let end = small.screen(40, 12)
        small.press(.up)
        #expect(small.screen(40, 12) != end, "scrolling past the end does not leave ↑ dead")
        small.press(.character("q"))
        #expect(small.program.result == .quit)
    }

    @Test("the prescription begins by itself after a read: it counts down on screen; enter begins now, another key waits, q leaves")
    func autoStart() {
        let start = Instant.seconds(100)
        var driver = KeyDriver(PrescriptionProgram(prescription: Self.prescription(), autoStart: .seconds(10), startingAt: start))
        driver.now = start
        #expect(driver.screen()[21] == "  Starts in 10 s · enter now · any other key waits")
        #expect(driver.screen(40, 12)[10] == " Starts in 10 s · enter now")
        #expect(driver.program.nextWake(after: start) == start.advanced(by: .seconds(1)))
        driver.now = start.advanced(by: .milliseconds(9_500))
        #expect(driver.screen()[21] == "  Starts in 1 s · enter now · any other key waits")
        _ = driver.program.handle(.tick(now: start.advanced(by: .seconds(10))))
        #expect(driver.program.result == .begin, "no key needed")

        var reading = KeyDriver(PrescriptionProgram(prescription: Self.prescription(), autoStart: .seconds(10), startingAt: start))
        reading.press(.down)
        #expect(reading.program.autoStart == nil && reading.program.nextWake(after: reading.now) == nil, "a key keeps it on screen")
        _ = reading.program.handle(.tick(now: start.advanced(by: .seconds(60))))
        #expect(reading.program.result == nil)
        #expect(!reading.screen().joined().contains("Starts in"))
        reading.press(.enter)
        #expect(reading.program.result == .begin)

        var leaving = KeyDriver(PrescriptionProgram(prescription: Self.prescription(), autoStart: .seconds(10), startingAt: start))
        leaving.press(.escape)
        #expect(leaving.program.result == .quit)
    }

    @Test("through the run loop: waits for keys without waking, ends on enter")
    func runLoop() {
        let clock = ManualClock(start: .seconds(10))
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), clock: clock, script: [
            .key(.character("y"), at: .seconds(11)), .key(.character("y"), at: .seconds(12)),
            .key(.enter, at: .seconds(13)),
        ])
        var program = RedFlagProgram()
        let outcome = RunLoop(terminal: terminal, clock: clock, maximumIterations: 20).run(&program)
        #expect(outcome == .finished)
        #expect(program.result == .emergency)
        #expect(terminal.requestedTimeouts.allSatisfy { $0 == nil }, "no timers: the loop blocks on keys")
        #expect(terminal.drawnGrids.count == 3)
    }
}
