import grpc
from pydantic import BaseModel

import greeter_pb2_grpc


class CreateUser(BaseModel): # expect-pattern: contracts/pydantic-model
    name: str
    email: str


class Greeter(greeter_pb2_grpc.GreeterServicer): # expect-pattern: contracts/grpc-service-impl  expect-no-pattern: contracts/pydantic-model
    def SayHello(self, request, context):
        return greeter_pb2.HelloReply(message=f"Hello {request.name}")


class Service: # expect-no-pattern: contracts/grpc-service-impl, contracts/pydantic-model
    pass
