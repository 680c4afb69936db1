from drf_spectacular.utils import extend_schema


@extend_schema(responses=UserSerializer) # expect-pattern: contracts/openapi-annotation
def user_detail(request, pk):
    return Response(UserSerializer(User.objects.get(pk=pk)).data)
