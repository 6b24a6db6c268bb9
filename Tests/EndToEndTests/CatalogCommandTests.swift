import Foundation
import Testing

/// The catalog commands as a person runs them: the real binary, its exit code and its words.
@Suite("catalog commands, end to end")
struct CatalogCommandTests {
    @Test("the shipped catalog passes `limber catalog check`")
    func shippedCatalogIsValid() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["catalog", "check"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("23 exercises") || result.stdout.contains("exercises"), "stdout: \(result.stdout)")
    }

    @Test("an unknown exercise id suggests the nearest one")
    func unknownIdSuggests() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["show", "brige-hold"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no exercise 'brige-hold'"))
        #expect(result.stderr.contains("did you mean 'bridge-hold'?"))
    }

    @Test("`limber --version` prints the version")
    func version() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
