package server

import pb "example.com/app/gen/greeter"

type greeterServer struct { // expect-pattern: contracts/grpc-service-impl
	pb.UnimplementedGreeterServer
	store *Store
}

type plainServer struct { // expect-no-pattern: contracts/grpc-service-impl
	store *Store
}
