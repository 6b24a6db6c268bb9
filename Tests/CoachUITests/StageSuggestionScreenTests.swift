import CoachPolicy
import CoachUI
import ExerciseCatalog
import Testing
import TUIKit

/// The start screen shows a stage suggestion under the prescription (issue 12); Enter still
/// begins the routine that was chosen.
@Suite("start screen: stage suggestion")
struct StageSuggestionScreenTests {
    @Test("the suggestion is under the list at 80x24 and reachable at 40x12; Enter begins the chosen routine")
    func suggestion() {
        let tilt = Exercise(id: "tilt", name: "Pelvic tilt", kind: .mobility, sides: .both,
                            dose: Dose(sets: 1, work: .reps(10), rest: 0), steps: ["Tilt."])
        let planned = PlannedExercise(exercise: tilt, dose: tilt.dose)
        let prescription = Prescription(
            plan: SessionPlan(routineID: "found", routineName: "Core foundations", exercises: [planned]),
            exercises: [ExercisePrescription(position: 0, routineDefault: planned, lastLevel: nil,
                                             level: ExerciseLevel(exerciseID: "tilt", work: .reps(10)),
                                             change: .held, reason: "", planned: planned)],
            flare: nil, usualPain: nil)
        var program = PrescriptionProgram(prescription: prescription)
        program.suggestion = "Two steady weeks at the top of Core foundations: Core progress is the next stage (build); try it with `limber start core-progress`."
        var driver = KeyDriver(program)
        let lines = driver.screen()
        #expect(lines[5].hasPrefix("  1. Pelvic tilt"))
        #expect(lines[7] == "  Two steady weeks at the top of Core foundations: Core progress is the next")
        let small = driver.screen(40, 12).joined(separator: "\n")
        #expect(small.contains("Two steady weeks at the top of"))
        driver.press(.enter)
        #expect(driver.program.result == .begin)
    }
}
