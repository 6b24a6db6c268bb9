import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import CoachUI
import ExerciseCatalog
import SessionEngine

/// The intro says where to lie or stand before the first exercise and whenever the position
/// changes (issue 12): getting down and up is the hard part on a sore day.
@Suite("session intro: position changes")
struct SessionPositionTests {
    static func exercise(_ id: String, _ position: Position) -> Exercise {
        Exercise(id: id, name: id.capitalized, kind: .mobility, sides: .both, dose: Dose(sets: 1, work: .reps(5), rest: 0),
                 steps: ["Do \(id)."], position: position)
    }

    static var plan: SessionPlan {
        let items = [exercise("tilt", .back), exercise("twist", .back), exercise("press", .front)]
        return SessionPlan(routineID: "r", routineName: "Positions", exercises: items.map { PlannedExercise(exercise: $0, dose: $0.dose) })
    }

    @Test("first intro: where to start; same position: nothing; a new one: said first, at 80x24 and 40x12")
    func notes() {
        var driver = ProgramDriver(plan: Self.plan)
        driver.type("2")  // one key answers the check-in (issue 10)
        #expect(driver.screen()[4] == "  Start lying on your back.")
        #expect(driver.screen(40, 12)[2] == " Start lying on your back.")
        driver.press(Key.character("s"))
        #expect(driver.screen()[2].hasPrefix("Twist"))
        #expect(!driver.text().contains("New position") && !driver.text().contains("Start lying"), "same position as before: no note")
        driver.press(Key.character("s"))
        #expect(driver.screen()[2].hasPrefix("Press"))
        #expect(driver.screen()[4] == "  New position: lying face down.")
        #expect(driver.screen(40, 12)[2] == " New position: lying face down.")
    }
}
