package app.grpc;

import io.grpc.stub.StreamObserver;
import io.swagger.v3.oas.annotations.Operation;

public class GreeterService extends GreeterGrpc.GreeterImplBase { // expect-pattern: contracts/grpc-service-impl
    @Override // expect-no-pattern: contracts/openapi-annotation
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> observer) {
        observer.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName()).build());
        observer.onCompleted();
    }
}

class UserController {
    @Operation(summary = "Find a user by id") // expect-pattern: contracts/openapi-annotation
    public User find(long id) {
        return users.find(id);
    }
}
