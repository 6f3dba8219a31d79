import ArgumentParser
import VirglTransport

/// `--transport inprocess|vtest|virtio-gpu`, shared by the subcommands that talk to a host.
struct TransportOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case inprocess, vtest, virtioGPU = "virtio-gpu"
    }

    @Option(help: "The virgl host: inprocess (embedded virglrenderer), vtest, virtio-gpu.")
    var transport: Kind = .inprocess

    @Option(help: "The vtest socket (default: start a private virgl_test_server).")
    var socket: String?

    /// The transport, and the server process to keep alive while it is used (vtest without --socket).
    func connect() throws -> (VirglTransport, VtestServerProcess?) {
        switch transport {
        case .inprocess: return (try InProcessTransport(), nil)
        case .virtioGPU: return (try VirtioGPUTransport(), nil)
        case .vtest:
            if let socket { return (try VtestTransport(socketPath: socket), nil) }
            let server = try VtestServerProcess()
            return (try VtestTransport(socketPath: server.socketPath), server)
        }
    }
}
