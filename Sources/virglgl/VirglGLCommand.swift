import ArgumentParser

/// `virglgl`: VirglGL's command-line tool.
@main
struct VirglGLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "virglgl",
        abstract: "VirglGL: an OpenGL 4.x driver that speaks virgl.",
        subcommands: [Info.self, Golden.self, BenchEncoder.self, Disasm.self, BenchRun.self, VtestProxyCommand.self, Bench.self],
        defaultSubcommand: Info.self)
}
