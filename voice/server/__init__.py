"""gRPC transport: the only code that imports the generated protobuf modules."""
