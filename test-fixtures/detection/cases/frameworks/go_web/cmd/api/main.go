package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery()) // expect-pattern: go_web/api/router-middleware

	v1 := r.Group("/api/v1")
	v1.GET("/users/:id", getUser) // expect-pattern: go_web/api/router-route
	v1.POST("/users", createUser) // expect-pattern: go_web/api/router-route
	r.GET("/ping", func(c *gin.Context) { // expect-pattern: go_web/api/router-route
		c.String(http.StatusOK, "pong") // expect-pattern: go_web/api/string-response  expect-no-pattern: go_web/api/json-response
	})

	cache := map[string]string{}
	_ = cache
	_ = r.Run(":8080")
}

func getUser(c *gin.Context) {
	id := c.Param("id") // expect-no-pattern: go_web/api/router-route
	c.JSON(http.StatusOK, gin.H{"id": id}) // expect-pattern: go_web/api/json-response  expect-no-pattern: go_web/api/string-response
}

func createUser(c *gin.Context) {
	var in struct {
		Name string `json:"name" binding:"required"`
	}
	if err := c.ShouldBindJSON(&in); err != nil {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": err.Error()}) // expect-pattern: go_web/api/json-response
		return
	}
	c.JSON(http.StatusCreated, in)
}
